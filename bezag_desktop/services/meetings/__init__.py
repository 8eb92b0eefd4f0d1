"""Meetings area: meetings, agenda, replies and attendance, follow-up tasks, minutes, invitations."""
