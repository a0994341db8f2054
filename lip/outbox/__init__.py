"""A durable outbox for Celery tasks: work that a write starts is stored with the write and delivered when it can be.

`lip.outbox.services.outbox_enqueue(task, *args)` replaces `transaction.on_commit(lambda: task.delay(*args))`.
"""
