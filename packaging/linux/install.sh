#!/bin/sh
# Install Opvoed Desktop for the current user only, without root: the program folder goes to
# ~/.local/opt/opvoed-desktop, with a menu entry, icons and ~/.local/bin/opvoed-desktop.
# The user's data (meetings, notes, settings) lives elsewhere and is never touched by this script.
#   sh install.sh              install or update from this folder
#   sh install.sh --uninstall  remove the program, the menu entry and the icons (the data stays)
set -eu

here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
prefix=${OPVOED_PREFIX:-$HOME/.local/opt/opvoed-desktop}
sizes="16 32 48 128 256"

remove_integration() {
    rm -f "$HOME/.local/bin/opvoed-desktop" \
        "$data/applications/nl.opvoed.Desktop.desktop" \
        "$data/metainfo/nl.opvoed.Desktop.metainfo.xml" \
        "$data/icons/hicolor/scalable/apps/nl.opvoed.Desktop.svg"
    for size in $sizes; do
        rm -f "$data/icons/hicolor/${size}x${size}/apps/nl.opvoed.Desktop.png"
    done
}

if [ "${1:-}" = "--uninstall" ]; then
    remove_integration
    # Only a folder that really is this program is removed.
    if [ -x "$prefix/opvoed-desktop" ] && [ -d "$prefix/_internal" ]; then
        rm -rf "$prefix"
    fi
    echo "Opvoed Desktop is verwijderd. Uw gegevens zijn bewaard gebleven."
    exit 0
fi

if [ "$here" != "$prefix" ]; then
    if [ -e "$prefix" ] && ! [ -d "$prefix/_internal" ]; then
        echo "$prefix bestaat al en is geen Opvoed Desktop; kies een andere map met OPVOED_PREFIX." >&2
        exit 1
    fi
    rm -rf "$prefix"
    mkdir -p "$(dirname "$prefix")"
    cp -R "$here" "$prefix"
fi

icons="$prefix/_internal/resources/icons"
mkdir -p "$HOME/.local/bin" "$data/applications" "$data/metainfo" "$data/icons/hicolor/scalable/apps"
ln -sf "$prefix/opvoed-desktop" "$HOME/.local/bin/opvoed-desktop"
# The menu may not search ~/.local/bin, so the entry names the program by its full path.
sed -e "s|^Exec=.*|Exec=\"$prefix/opvoed-desktop\"|" -e "s|^TryExec=.*|TryExec=$prefix/opvoed-desktop|" \
    "$prefix/share/applications/nl.opvoed.Desktop.desktop" > "$data/applications/nl.opvoed.Desktop.desktop"
cp "$prefix/share/metainfo/nl.opvoed.Desktop.metainfo.xml" "$data/metainfo/"
cp "$icons/nl.opvoed.Desktop.svg" "$data/icons/hicolor/scalable/apps/"
for size in $sizes; do
    mkdir -p "$data/icons/hicolor/${size}x${size}/apps"
    cp "$icons/nl.opvoed.Desktop-$size.png" "$data/icons/hicolor/${size}x${size}/apps/nl.opvoed.Desktop.png"
done
if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q "$data/applications" || true
fi
if command -v gtk-update-icon-cache >/dev/null 2>&1; then
    gtk-update-icon-cache -q -t "$data/icons/hicolor" || true
fi
echo "Opvoed Desktop is geïnstalleerd in $prefix en staat in het menu (Onderwijs)."
