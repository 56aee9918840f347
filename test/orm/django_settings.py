"""The smallest Django settings for test/orm/django_views.py: one
SQLite database, the file RELVIEW_ORM_DB names."""
import os

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ["RELVIEW_ORM_DB"],
    }
}
INSTALLED_APPS = []
USE_TZ = True
SECRET_KEY = "relview-test"
