#!/bin/sh
# Install AIMS Desktop for the current user, without administrator rights:
#
#     ./install.sh              install, or update an earlier installation
#     ./install.sh --uninstall  remove it again (your projects, settings and data stay)
#
# The application goes to ~/.local/opt/aims-desktop (AIMS_DESKTOP_INSTALL_DIR overrides it), the
# command `aims-desktop` to ~/.local/bin, and the menu entry, the .aims file type and the icons to
# ~/.local/share, so that a double-clicked .aims file opens in AIMS Desktop.
set -eu

ID=org.aimsdesktop.AIMSDesktop
MIME_ICON=application-x-aims-project
SIZES="16 24 32 48 64 128 256"
here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
bin=$HOME/.local/bin
app=${AIMS_DESKTOP_INSTALL_DIR:-$HOME/.local/opt/aims-desktop}

refresh() {
    # Let the desktop notice the change now; each tool is optional.
    if command -v update-mime-database >/dev/null 2>&1; then
        update-mime-database "$data/mime" >/dev/null 2>&1 || true
    fi
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database "$data/applications" >/dev/null 2>&1 || true
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1; then
        gtk-update-icon-cache -q -t "$data/icons/hicolor" >/dev/null 2>&1 || true
    fi
}

remove_files() {
    rm -f "$data/applications/$ID.desktop" "$data/mime/packages/$ID.xml"
    rm -f "$data/icons/hicolor/scalable/apps/$ID.svg"
    for size in $SIZES; do
        rm -f "$data/icons/hicolor/${size}x${size}/apps/$ID.png"
        rm -f "$data/icons/hicolor/${size}x${size}/mimetypes/$MIME_ICON.png"
    done
    for name in aims-desktop aims-desktop-gui; do
        # Only our own links: a command of that name installed otherwise stays.
        if [ -L "$bin/$name" ] && [ "$(readlink "$bin/$name")" = "$app/$name" ]; then
            rm -f "$bin/$name"
        fi
    done
}

if [ "${1:-}" = "--uninstall" ]; then
    remove_files
    rm -rf "$app"
    refresh
    echo "AIMS Desktop was removed. Your projects and settings were left where they are."
    exit 0
fi
if [ $# -gt 0 ]; then
    echo "usage: $0 [--uninstall]" >&2
    exit 2
fi
if [ ! -x "$here/app/aims-desktop" ]; then
    echo "install.sh: run me from the unpacked AIMS Desktop folder (app/ is missing)" >&2
    exit 1
fi

remove_files
mkdir -p "$(dirname "$app")"
rm -rf "$app.new"
cp -R "$here/app" "$app.new"
rm -rf "$app"
mv "$app.new" "$app"

mkdir -p "$bin" "$data/applications" "$data/mime/packages" "$data/icons/hicolor/scalable/apps"
for name in aims-desktop aims-desktop-gui; do
    ln -sf "$app/$name" "$bin/$name"
done
# The menu entry starts the installed executable by its full path (quoted for the desktop
# entry format), whether or not ~/.local/bin is on the desktop session's PATH.
sed -e "s|^Exec=aims-desktop-gui |Exec=\"$app/aims-desktop-gui\" |" \
    -e "s|^TryExec=aims-desktop-gui\$|TryExec=$app/aims-desktop-gui|" \
    "$here/share/applications/$ID.desktop" > "$data/applications/$ID.desktop"
cp "$here/share/mime/packages/$ID.xml" "$data/mime/packages/$ID.xml"
cp "$here/share/icons/hicolor/scalable/apps/$ID.svg" "$data/icons/hicolor/scalable/apps/"
for size in $SIZES; do
    for kind in apps mimetypes; do
        source=$here/share/icons/hicolor/${size}x${size}/$kind
        if [ -d "$source" ]; then
            mkdir -p "$data/icons/hicolor/${size}x${size}/$kind"
            cp "$source"/*.png "$data/icons/hicolor/${size}x${size}/$kind/"
        fi
    done
done
refresh
if command -v xdg-mime >/dev/null 2>&1; then
    xdg-mime default "$ID.desktop" application/x-aims-project >/dev/null 2>&1 || true
fi
echo "AIMS Desktop is installed in $app."
echo "Start it from your applications menu, by double-clicking a .aims file, or with: $bin/aims-desktop"
