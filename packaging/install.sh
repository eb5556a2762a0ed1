#!/bin/sh
# Install fieldkit for the current user (no administrator needed): the program folder goes to
# ~/.local/lib/fieldkit, a `fieldkit` command to ~/.local/bin, and the menu entry and icons to
# ~/.local/share. Run it from the unpacked folder:   ./install.sh
# To remove the program again:                        ./install.sh --uninstall
# Neither ever touches the workspaces (~/.local/share/fieldkit) nor a USB stick's data/ folder.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
data_home=${XDG_DATA_HOME:-$HOME/.local/share}
target=$HOME/.local/lib/fieldkit
bin=$HOME/.local/bin
desktop=$data_home/applications/fieldkit.desktop
icons=$data_home/icons/hicolor

refresh() {
    command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$data_home/applications" || true
    command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$icons" || true
}

if [ "${1:-}" = "--uninstall" ]; then
    rm -rf "$target"
    rm -f "$bin/fieldkit" "$desktop" "$icons/64x64/apps/fieldkit.png" \
        "$icons/256x256/apps/fieldkit.png" "$icons/scalable/apps/fieldkit.svg"
    refresh
    echo "fieldkit was removed; your workspaces are still in $data_home/fieldkit."
    exit 0
fi

if [ ! -x "$here/fieldkit" ]; then
    echo "Run install.sh from the unpacked fieldkit folder (it holds the fieldkit program)." >&2
    exit 1
fi

if [ "$here" != "$target" ]; then
    rm -rf "$target.new"
    mkdir -p "$(dirname "$target")"
    cp -a "$here" "$target.new"
    rm -f "$target.new/portable"  # an installed copy keeps its data in the user's folders
    rm -rf "$target.new/data"
    rm -rf "$target"
    mv "$target.new" "$target"
fi

mkdir -p "$bin" "$(dirname "$desktop")" "$icons/64x64/apps" "$icons/256x256/apps" "$icons/scalable/apps"
ln -sf "$target/fieldkit" "$bin/fieldkit"
share=$target/share
cp "$share/icons/fieldkit-64.png" "$icons/64x64/apps/fieldkit.png"
cp "$share/icons/fieldkit-256.png" "$icons/256x256/apps/fieldkit.png"
cp "$share/icons/fieldkit.svg" "$icons/scalable/apps/fieldkit.svg"
sed "s|^Exec=.*|Exec=\"$target/fieldkit\"|" "$share/fieldkit.desktop" > "$desktop"
chmod 644 "$desktop"
refresh
echo "fieldkit is installed: find it in your applications menu, or type fieldkit in a terminal."
case ":$PATH:" in
    *":$bin:"*) ;;
    *) echo "(The fieldkit command is in $bin, which is not on your PATH yet.)" ;;
esac
