#!/bin/sh
# Usage: build-iso.sh ISO VERSION SOURCE_DATE_EPOCH SRC POOL WORK
# Builds the BlockHost installer ISO from Debian's d-i netboot kernel and initrd (preseed and
# first-boot files appended to the initrd), ISOLINUX (BIOS) and a GRUB EFI image (UEFI), with POOL
# as /pool. Reproducible: every timestamp is SOURCE_DATE_EPOCH, files are added in sorted order.
set -eu
iso=$1 version=$2 epoch=$3 src=$4 pool=$5 work=$6
DI=/usr/lib/debian-installer/images/12/amd64/text/debian-installer/amd64
for f in $DI/linux $DI/initrd.gz /usr/lib/ISOLINUX/isolinux.bin /usr/lib/ISOLINUX/isohdpfx.bin \
    /usr/lib/syslinux/modules/bios/ldlinux.c32 /usr/lib/grub/x86_64-efi/linux.mod; do
  [ -f "$f" ] || { echo "build-iso: $f missing; install debian-installer-12-netboot-amd64 isolinux syslinux-common grub-efi-amd64-bin xorriso mtools dosfstools cpio dpkg-dev" >&2; exit 1; }
done
export SOURCE_DATE_EPOCH=$epoch LC_ALL=C
stamp() { find "$1" -exec touch -h -d "@$epoch" {} +; }
rm -rf "$work" && mkdir -p "$work/initrd/blockhost" "$work/root/install" "$work/root/isolinux" "$work/root/boot/grub"
R=$work/root
# d-i reads /preseed.cfg from its initrd; the first-boot files ride along for late_command
cp "$src/iso/preseed.cfg" "$work/initrd/preseed.cfg"
cp "$src/firstboot/blockhost-firstboot" "$src/firstboot/blockhost-firstboot.service" "$work/initrd/blockhost/"
chmod 0644 "$work/initrd/preseed.cfg" "$work/initrd/blockhost/blockhost-firstboot.service"
chmod 0755 "$work/initrd/blockhost/blockhost-firstboot"
stamp "$work/initrd"
(cd "$work/initrd" && find . | sort | cpio -o -H newc --reproducible -R 0:0 --quiet) | gzip -9n > "$work/extra.gz"
cat $DI/initrd.gz "$work/extra.gz" > "$R/install/initrd.gz"
cp $DI/linux "$R/install/vmlinuz"
cp "$src/iso/preseed.cfg" "$R/preseed.cfg"
echo "BlockHost $version" > "$R/.blockhost-iso"
cp /usr/lib/ISOLINUX/isolinux.bin /usr/lib/syslinux/modules/bios/ldlinux.c32 "$R/isolinux/"
sed "s/@VERSION@/$version/g" "$src/iso/isolinux.cfg" > "$R/isolinux/isolinux.cfg"
sed "s/@VERSION@/$version/g" "$src/iso/grub.cfg" > "$R/boot/grub/grub.cfg"
# UEFI: a GRUB image that finds this disc and reads boot/grub/grub.cfg, in a FAT El Torito image
grub-mkimage -O x86_64-efi -p /boot/grub -c "$src/iso/grub-embed.cfg" -o "$work/bootx64.efi" \
  part_gpt part_msdos fat iso9660 search search_fs_file configfile normal linux echo test all_video efi_gop gzio
touch -d "@$epoch" "$work/bootx64.efi"
mkfs.vfat --invariant -i b10c0001 -n EFIBOOT -C "$R/boot/grub/efi.img" 4096 >/dev/null
mmd -i "$R/boot/grub/efi.img" ::/EFI ::/EFI/BOOT
mcopy -m -i "$R/boot/grub/efi.img" "$work/bootx64.efi" ::/EFI/BOOT/BOOTX64.EFI
mkdir -p "$R/pool" && cp -l "$pool"/* "$R/pool/" 2>/dev/null || cp "$pool"/* "$R/pool/"
chmod -R u+rwX,go+rX,go-w "$R"
stamp "$R"
rm -f "$iso" && mkdir -p "$(dirname "$iso")"
xorriso -as mkisofs -quiet -o "$iso" -V BLOCKHOST -r -J -joliet-long \
  -b isolinux/isolinux.bin -c isolinux/boot.cat -no-emul-boot -boot-load-size 4 -boot-info-table \
  -isohybrid-mbr /usr/lib/ISOLINUX/isohdpfx.bin \
  -eltorito-alt-boot -e boot/grub/efi.img -no-emul-boot -isohybrid-gpt-basdat \
  "$R" 2>&1 | grep -v -e '^xorriso' -e '^$' -e 'Drive current' -e 'Media current' -e 'Media status' -e 'Media summary' -e 'Written to medium' -e 'UPDATE' -e 'libisofs' >&2 || true
[ -s "$iso" ] || { echo "build-iso: xorriso wrote nothing" >&2; exit 1; }
echo "iso: $iso ($(du -m "$iso" | cut -f1) MiB)"
