"""Unmanaged models over our app's tables: only the columns the floor's pages and its vote transaction use."""

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import models


class Table(models.Model):
    """One of our app's tables: read and written here, never created or migrated."""

    class Meta:
        abstract = True
        managed = False


class User(AbstractBaseUser):
    email = models.EmailField(unique=True)
    is_active = models.BooleanField(default=True)

    USERNAME_FIELD = "email"

    class Meta:
        managed = False
        db_table = "lip_user"


class Proposal(Table):
    consultation_id = models.IntegerField()
    reference = models.CharField(max_length=20)
    title = models.CharField(max_length=120)
    text = models.TextField()
    state = models.CharField(max_length=20)
    created_at = models.DateTimeField()
    online_votes = models.PositiveIntegerField()
    analog_votes = models.PositiveIntegerField()
    comment_count = models.PositiveIntegerField()

    class Meta(Table.Meta):
        db_table = "consultation_proposal"

    def __str__(self) -> str:
        return self.reference


class Vote(Table):
    proposal = models.ForeignKey(Proposal, on_delete=models.DO_NOTHING, related_name="+")
    user = models.ForeignKey(User, on_delete=models.DO_NOTHING, related_name="+")
    consultation_id = models.IntegerField()
    created_at = models.DateTimeField()

    class Meta(Table.Meta):
        db_table = "consultation_vote"

    def __str__(self) -> str:
        return f"{self.user_id} → {self.proposal_id}"
