"""Info.plist entries for the macOS app bundle: names, version and the session document type.

Kept out of the spec file so tests can check it without PyInstaller. Double-clicking a
``*.variorum`` file opens Variorum (it owns the exported type); articles list it as an
alternative viewer only.
"""

from __future__ import annotations

from typing import Any

APP_ID = "io.github.variorum.Variorum"
SESSION_UTI = f"{APP_ID}.session"
SESSION_EXTENSION = "variorum"
SESSION_MIME_TYPE = "application/x-variorum-session"
ARTICLE_UTIS = (
    "public.plain-text",
    "net.daringfireball.markdown",
    "public.html",
    "com.adobe.pdf",
    "org.openxmlformats.wordprocessingml.document",
)


def info_plist(version: str) -> dict[str, Any]:
    """Entries PyInstaller's BUNDLE merges into Contents/Info.plist."""
    return {
        "CFBundleName": "Variorum",
        "CFBundleDisplayName": "Variorum",
        "CFBundleShortVersionString": version,
        "CFBundleVersion": version,
        "NSHighResolutionCapable": True,
        "LSApplicationCategoryType": "public.app-category.productivity",
        "CFBundleDocumentTypes": [
            {
                "CFBundleTypeName": "Variorum Session",
                "CFBundleTypeRole": "Editor",
                "LSHandlerRank": "Owner",
                "LSItemContentTypes": [SESSION_UTI],
                "CFBundleTypeIconFile": "variorum.icns",
            },
            {
                "CFBundleTypeName": "Article",
                "CFBundleTypeRole": "Viewer",
                "LSHandlerRank": "Alternate",
                "LSItemContentTypes": list(ARTICLE_UTIS),
            },
        ],
        # Declares what a .variorum file is, so Finder maps the extension to our type.
        "UTExportedTypeDeclarations": [
            {
                "UTTypeIdentifier": SESSION_UTI,
                "UTTypeDescription": "Variorum Session",
                "UTTypeConformsTo": ["public.json", "public.data"],
                "UTTypeIconFile": "variorum.icns",
                "UTTypeTagSpecification": {
                    "public.filename-extension": [SESSION_EXTENSION],
                    "public.mime-type": [SESSION_MIME_TYPE],
                },
            }
        ],
    }
