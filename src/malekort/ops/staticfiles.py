"""Django's static files app, told which npm files to leave out."""

from django.contrib.staticfiles.apps import StaticFilesConfig as BaseStaticFilesConfig


class StaticFilesConfig(BaseStaticFilesConfig):
    """Django's static files, leaving out the npm packages' files that no page uses.

    Collecting (hashing and compressing) Aksel's per-component stylesheets and
    htmx's other builds and extensions would only make `collectstatic` slower.
    """

    ignore_patterns = [
        *BaseStaticFilesConfig.ignore_patterns,
        "component", "ext", "*.esm.*", "*.cjs.*", "*.amd.*", "*.d.ts",
    ]
