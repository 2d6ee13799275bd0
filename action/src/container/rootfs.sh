#!/usr/bin/env bash
# Assembles the image's whole file system in ROOT from a Debian-like system that has git and the
# linked Java runtime installed: the programs the image runs (java, git with its HTTPS transport,
# sh, env) and the shared libraries they load, found with ldd, plus CA certificates and the
# account files git and Java look up. The image is this folder on an empty base: no package
# manager, perl, documentation or locales, which a slim distribution image would still carry.
#
#   rootfs.sh ROOT JAVA_HOME
set -euo pipefail
root=$1
java_home=$2
mkdir -p "$root"

# The OS's merged-/usr links (/lib -> usr/lib, ...), so the paths ldd and ELF interpreters name resolve.
for link in /bin /sbin /lib /lib32 /lib64 /libx32; do
  if [ -L "$link" ]; then ln -sfn "$(readlink "$link")" "$root$link"; fi
done

# Copies a file to the same path under ROOT, in its directory's real location (so a library ldd
# names as /lib/x86_64-linux-gnu/libz.so.1 lands under usr/lib), following symbolic links.
copy() {
  local dir
  dir=$(realpath "$(dirname "$1")")
  mkdir -p "$root$dir"
  [ -e "$root$dir/$(basename "$1")" ] || cp -L --preserve=mode "$1" "$root$dir/"
}

# git: the one binary (each builtin, git-receive-pack and git-upload-pack too, is a link to it),
# the HTTPS transport a push to github.com needs, and the small shell helpers. Left
# out: the standalone servers and dumb-HTTP helpers (git-daemon, git-http-backend, git-http-push,
# git-http-fetch, git-imap-send, git-shell, scalar), a commit-back never runs them.
git_core=/usr/lib/git-core
mkdir -p "$root$git_core" "$root/usr/bin" "$root/usr/share/git-core"
(cd "$git_core" && find . -maxdepth 1 \( -type l -o -type f \) \
    ! -name git-daemon ! -name git-http-backend ! -name git-http-push ! -name git-http-fetch \
    ! -name git-imap-send ! -name git-shell ! -name scalar ! -name git-sh-i18n--envsubst \
    -exec cp -P --preserve=mode {} "$root$git_core/" \;)
ln -sfn ../lib/git-core/git "$root/usr/bin/git"
cp -R /usr/share/git-core/templates "$root/usr/share/git-core/"

# The shell git starts local transports (git-receive-pack) and hooks with; env for the image
# build's own steps.
dash=$(realpath "$(command -v dash)")
copy "$dash"
ln -sfn "$dash" "$root/bin/sh"
copy "$(realpath "$(command -v env)")"

# Every shared library these programs and the Java runtime load, with the ELF interpreter. ldd
# runs on the originals (same files). libjvm.so is found by the runtime itself (it is loaded
# before the libraries that name it), so ldd's "not found" for it is expected; anything else
# missing fails here rather than in a workflow.
mapfile -t programs < <(find "$root/usr/bin" "$root$git_core" -type f | sed "s|^$root||"; \
  find "$java_home" -type f)
missing=0
for program in "${programs[@]}"; do
  head -c 4 "$program" | grep -q ELF || continue
  while read -r name arrow path _; do
    if [ "$arrow" = "=>" ] && [ "$path" = not ]; then
      if [ "$name" != libjvm.so ]; then echo "rootfs: $program needs $name, which is not installed" >&2; missing=1; fi
    elif [ "$arrow" = "=>" ] && [ -n "$path" ] && [ "${path#"$java_home"/}" = "$path" ]; then
      copy "$path"
    elif [ "${name#/}" != "$name" ]; then
      copy "$name"
    fi
  done < <(ldd "$program" 2>/dev/null || true)
done
[ "$missing" = 0 ]

# The Java runtime, as linked.
mkdir -p "$root$(dirname "$java_home")"
cp -a "$java_home" "$root$java_home"

# CA certificates for git's HTTPS (Java brings its own cacerts), the C.UTF-8 locale (the image's
# LANG: without it Java and git fall back to ASCII for file names and text), the accounts git and
# Java look up for the current user, name resolution from files then DNS, and a writable /tmp.
mkdir -p "$root/etc/ssl/certs" "$root/tmp" "$root/root"
if [ -d /usr/lib/locale/C.utf8 ]; then
  mkdir -p "$root/usr/lib/locale"
  cp -R /usr/lib/locale/C.utf8 "$root/usr/lib/locale/"
fi
cp -L /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/"
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n' > "$root/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' > "$root/etc/group"
printf 'passwd: files\ngroup: files\nhosts: files dns\n' > "$root/etc/nsswitch.conf"
chmod 1777 "$root/tmp"
chmod 700 "$root/root"
