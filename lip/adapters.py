from allauth.account.adapter import DefaultAccountAdapter

from .roles import Role


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            from .services import user_add_role

            user_add_role(user=user, role=Role.PARTICIPANT)
        return user
