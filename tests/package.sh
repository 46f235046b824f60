#!/bin/bash
# SPDX-License-Identifier: MIT
# The Debian packages and the kiosk session, end to end, as root (CI):
# build shequ and shequ-data from a copy of the tree with dpkg-buildpackage;
# lintian on the .changes finds no error or warning; apt installs the .debs
# (/etc/shequ.conf is the file the program reads, the unit passes
# systemd-analyze verify); the unit's own ExecStart, run as its User on
# cage's headless backend, shows the communities (a grim screenshot read
# back by tesseract); shequ-data N -> N+1 and shequ with a locally changed
# conffile upgrade from a local apt repository (apt-ftparchive, a file:
# source); purge leaves nothing that install created.
#
# Skips (77) when not root or without dpkg-buildpackage, and when shequ is
# already installed here (the test installs and purges it).
# SHEQU_KIOSK_SCREENSHOT=FILE keeps the screenshot (doc/kiosk.png).
set -u

if [ "$(id -u)" != 0 ]; then
	echo "SKIP: package: needs root (it installs and purges the packages)"
	exit 77
fi
if ! command -v dpkg-buildpackage >/dev/null || ! command -v dh >/dev/null; then
	echo "SKIP: package: dpkg-buildpackage or debhelper is not installed"
	exit 77
fi
if dpkg-query -W -f='${Status}\n' shequ shequ-data 2>/dev/null | grep -q 'installed'; then
	echo "SKIP: package: shequ is installed on this machine; the test would purge it"
	exit 77
fi

SRC=${SHEQU_SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}
export LANG=C.UTF-8 LC_ALL=C.UTF-8 DEBIAN_FRONTEND=noninteractive
unset LANGUAGE SHEQU_DATA SHEQU_CONFIG SHEQU_SAVE_DIR
W=$(mktemp -d /tmp/shequ-package.XXXXXX)
chmod 755 "$W"
cage_pid=
_passed=0 _failed=0

pass() { _passed=$((_passed + 1)); }
fail() { _failed=$((_failed + 1)); printf 'FAIL: %s\n' "$*" >&2; }
check() { # check WHAT COMMAND...
	local what=$1
	shift
	if "$@"; then pass; else fail "$what"; fi
}
note() { printf '== %s\n' "$*"; }
elapsed() { # elapsed START: seconds since START ($EPOCHREALTIME)
	awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }'
}

stop_session() {
	if [ -n "$cage_pid" ]; then
		kill -- -"$cage_pid" 2>/dev/null || kill "$cage_pid" 2>/dev/null
		wait "$cage_pid" 2>/dev/null
		cage_pid=
	fi
}
cleanup() {
	stop_session
	rm -rf /run/shequ-kiosk
	if dpkg-query -W -f='${Status}\n' shequ shequ-data 2>/dev/null | grep -q 'installed\|config-files'; then
		apt-get purge -y -qq -o DPkg::Lock::Timeout=120 shequ shequ-data >/dev/null 2>&1
	fi
	rm -rf "$W"
}
trap cleanup EXIT

APT=(apt-get -y -qq -o DPkg::Lock::Timeout=120)
# The local repository alone, with lists and caches of its own, so that the
# machine's sources and lists are neither used nor changed.
mkdir -p "$W/repo" "$W/apt/lists/partial" "$W/apt/cache/archives/partial" "$W/apt/parts"
echo "deb [trusted=yes] file:$W/repo ./" >"$W/apt/sources.list"
LOCAL=(-o Dir::Etc::SourceList="$W/apt/sources.list" -o Dir::Etc::SourceParts="$W/apt/parts"
	-o Dir::State::Lists="$W/apt/lists" -o Dir::Cache="$W/apt/cache"
	-o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold)
publish() { # publish DEB...: into the local repository, as a city office would
	cp "$@" "$W/repo/" &&
		(cd "$W/repo" && apt-ftparchive packages . >Packages 2>/dev/null) &&
		"${APT[@]}" "${LOCAL[@]}" update >/dev/null
}

# Everything named after shequ, and what no user owns: before install and
# after purge they must be the same.  (Not counted: apt's and man-db's
# caches and the logs; systemd-analyze verify runs man for Documentation=,
# which leaves a formatted page in /var/cache/man until man-db expires it.)
traces() {
	find / -xdev \( -path "$W" -o -path "$SRC" -o -path /proc -o -path /sys \
		-o -path /var/lib/apt/lists -o -path /var/cache/apt -o -path /var/log \
		-o -path /var/cache/man \
		-o -path /tmp -o -path /work \) -prune -o \
		\( -name '*shequ*' -o -nouser -o -nogroup \) -print 2>/dev/null | sort
	getent passwd shequ-kiosk
	getent group shequ-kiosk
}
traces >"$W/traces.before"

# ---- build, in a copy so that the checkout stays clean ----
copy_tree() { # copy_tree DEST
	mkdir -p "$1"
	if git -C "$SRC" rev-parse --git-dir >/dev/null 2>&1; then
		(cd "$SRC" && git ls-files -z --cached --others --exclude-standard |
			xargs -0 tar -cf - --no-recursion 2>/dev/null) | tar -C "$1" -xf -
	else
		(cd "$SRC" && tar -cf - --exclude='./build*' --exclude=./.git .) | tar -C "$1" -xf -
	fi
}
build() { # build DIR ARGS...: dpkg-buildpackage in DIR, log in DIR.log
	local dir=$1
	shift
	(cd "$dir" && dpkg-buildpackage -us -uc "$@") >"$dir.log" 2>&1 || {
		tail -40 "$dir.log"
		return 1
	}
}

note "dpkg-buildpackage -us -uc -b"
copy_tree "$W/1/shequ"
t0=$EPOCHREALTIME
check "dpkg-buildpackage -b" build "$W/1/shequ" -b
echo "built in $(elapsed "$t0") s"
DATA_N=$(cat "$W/1/shequ/data/VERSION")
VERSION=$(dpkg-parsechangelog -l "$W/1/shequ/debian/changelog" -S Version)
DEB=$W/1/shequ_${VERSION}_$(dpkg --print-architecture).deb
DATA_DEB=$W/1/shequ-data_${DATA_N}_all.deb
CHANGES=$W/1/shequ_${VERSION}_$(dpkg --print-architecture).changes
for f in "$DEB" "$DATA_DEB" "$CHANGES"; do
	check "built $(basename "$f")" test -f "$f"
done
check "the checkout stays clean (no debian/files)" test ! -e "$SRC/debian/files"

note "lintian"
if command -v lintian >/dev/null; then
	lintian --fail-on error,warning "$CHANGES" >"$W/lintian.out" 2>&1
	st=$?
	cat "$W/lintian.out"
	check "lintian: exit status $st" test "$st" = 0
	check "lintian: no error or warning" sh -c "! grep -q '^[EW]:' '$W/lintian.out'"
else
	fail "lintian is not installed"
fi

check "shequ-data is Architecture: all" \
	test "$(dpkg-deb -f "$DATA_DEB" Architecture)" = all
check "shequ-data is versioned by its data ($DATA_N)" \
	test "$(dpkg-deb -f "$DATA_DEB" Version)" = "$DATA_N"
conffiles=$(dpkg-deb -I "$DEB" conffiles)
for c in /etc/shequ.conf /etc/shequ-kiosk/foot.ini /etc/pam.d/shequ-kiosk; do
	check "conffile $c" grep -qx "$c" <<<"$conffiles"
done

# ---- install with apt ----
note "apt-get install ./shequ_*.deb ./shequ-data_*.deb"
t0=$EPOCHREALTIME
"${APT[@]}" install "$DEB" "$DATA_DEB" >"$W/install.log" 2>&1
st=$?
[ "$st" = 0 ] || tail -30 "$W/install.log"
check "apt-get install: exit status $st" test "$st" = 0
echo "installed in $(elapsed "$t0") s"
for p in shequ shequ-data cage foot xwayland fonts-noto-cjk; do
	check "$p installed" sh -c "dpkg-query -W -f='\${Status}' $p 2>/dev/null | grep -q 'ok installed'"
done

out=$(shequ --check 2>&1)
check "installed shequ --check: $out" test "$out" = "7 districts, 14 streets, 14 communities"
out=$(LANGUAGE=zh_CN shequ --check 2>&1)
check "installed translations: $out" test "$out" = "7 个区，14 个街道，14 个社区"
check "hangzhou.rec installed" test -r /usr/share/shequ/hangzhou.rec
check "shequ(1) installed" test -f /usr/share/man/man1/shequ.1.gz
check "shequ(5) installed" test -f /usr/share/man/man5/shequ.5.gz
check "every setting of /etc/shequ.conf is commented out" \
	sh -c "! grep -v '^[[:space:]]*\(#\|$\)' /etc/shequ.conf"
for key in kiosk quit-keys idle large mouse lang ambiguous data format width paper copies printer save-dir; do
	check "/etc/shequ.conf documents $key" grep -q "^#$key = " /etc/shequ.conf
done
# The program reads /etc/shequ.conf: a bad line there stops it.
cp /etc/shequ.conf "$W/shequ.conf.orig"
echo "idle = 0" >>/etc/shequ.conf
out=$(shequ --list 2>&1)
check "shequ reads /etc/shequ.conf: $out" grep -q "^/etc/shequ.conf:$(wc -l <"$W/shequ.conf.orig" | awk '{print $1 + 1}'): idle" <<<"$out"
cp "$W/shequ.conf.orig" /etc/shequ.conf
# Uncommented, every documented default is accepted.
sed 's/^#\([a-z-]* = \)/\1/' /etc/shequ.conf >"$W/all.conf"
out=$(SHEQU_CONFIG="$W/all.conf" shequ --check 2>&1)
# (lang = zh among them: the counts come in Chinese, as with --lang zh.)
check "the documented defaults are valid settings: $out" \
	grep -Eqx "7 districts, 14 streets, 14 communities|7 个区，14 个街道，14 个社区" <<<"$out"

check "user shequ-kiosk created" sh -c "getent passwd shequ-kiosk >/dev/null"
check "shequ-kiosk is a system user" \
	test "$(getent passwd shequ-kiosk | cut -d: -f3)" -lt 1000
check "/var/lib/shequ-kiosk belongs to shequ-kiosk" \
	test "$(stat -c %U:%a /var/lib/shequ-kiosk)" = shequ-kiosk:750

UNIT=/lib/systemd/system/shequ-kiosk.service
check "the unit is installed" test -f "$UNIT"
if command -v systemd-analyze >/dev/null; then
	out=$(systemd-analyze verify "$UNIT" 2>&1)
	st=$?
	[ -n "$out" ] && echo "$out"
	check "systemd-analyze verify: exit status $st" test "$st" = 0
	check "systemd-analyze verify says nothing" test -z "$out"
else
	fail "systemd-analyze is not installed"
fi
check "the unit is not enabled on installation" \
	test ! -e /etc/systemd/system/multi-user.target.wants/shequ-kiosk.service
foot --check-config --config=/etc/shequ-kiosk/foot.ini >"$W/foot.out" 2>&1
st=$?
check "foot accepts the kiosk's foot.ini: $(grep -v '^info:' "$W/foot.out")" test "$st" = 0

# ---- the kiosk session, from the unit's own lines ----
unit_get() { sed -n "s/^$1=//p" "$UNIT"; }
note "the unit's ExecStart as its User on cage's headless backend"
user=$(unit_get User)
rundir=/run/$(unit_get RuntimeDirectory)
statedir=/var/lib/$(unit_get StateDirectory)
execstart=$(unit_get ExecStart)
echo "User=$user ExecStart=$execstart"
check "the unit runs as shequ-kiosk" test "$user" = shequ-kiosk
check "ExecStart runs cage, foot and shequ --kiosk" \
	grep -q 'cage .*foot .*shequ --kiosk' <<<"$execstart"
# What systemd would do: the runtime directory, the unit's environment, its
# working directory; then ExecStart word for word.
env_args=()
while read -r line; do
	read -ra words <<<"$line"
	env_args+=("${words[@]}")
done < <(unit_get Environment)
install -d -m "$(unit_get RuntimeDirectoryMode)" -o "$user" -g "$user" "$rundir"
read -ra argv <<<"$execstart"
t0=$EPOCHREALTIME
# setsid: the session's processes are one group, stopped together.
setsid runuser -u "$user" -- env -i -C "$(unit_get WorkingDirectory)" \
	PATH=/usr/local/bin:/usr/bin:/bin HOME="$statedir" USER="$user" \
	RUNTIME_DIRECTORY="$rundir" STATE_DIRECTORY="$statedir" \
	"${env_args[@]}" \
	WLR_BACKENDS=headless WLR_RENDERER=pixman WLR_LIBINPUT_NO_DEVICES=1 \
	"${argv[@]}" >"$W/session.log" 2>&1 &
cage_pid=$!
SHOT=$W/kiosk.png
grab() { # grab: a screenshot of the session into $SHOT
	runuser -u "$user" -- env XDG_RUNTIME_DIR="$rundir" WAYLAND_DISPLAY=wayland-0 \
		grim "$rundir/shot.png" 2>/dev/null && cp "$rundir/shot.png" "$SHOT"
}
# Wait for the first frame with something on it, then a moment for the
# rest of it.
drawn=
for _ in $(seq 120); do
	kill -0 "$cage_pid" 2>/dev/null || break
	if [ -S "$rundir/wayland-0" ] && grab &&
		[ "$(convert "$SHOT" -format '%[fx:mean > 0.05]' info: 2>/dev/null)" = 1 ]; then
		drawn=1
		break
	fi
	sleep 0.5
done
echo "session on screen in $(elapsed "$t0") s"
check "the session draws" test -n "$drawn"
# Districts, a community, key bar words.  Dark background, light text:
# grey, negated and doubled reads best.
want=(白塔岭社区 上城区 拱墅区 西湖区 钱塘区 搜索 帮助)
for try in 1 2 3; do
	sleep 1
	grab || continue
	convert "$SHOT" -colorspace gray -negate -resize 200% "$W/ocr.png"
	tesseract "$W/ocr.png" - -l chi_sim+eng 2>/dev/null | tr -d ' \t' >"$W/ocr.txt"
	read_all=1
	for w in "${want[@]}"; do grep -qF "$w" "$W/ocr.txt" || read_all=; done
	[ -n "$read_all" ] && break
done
echo "read back by OCR after $try tries, $(elapsed "$t0") s"
check "the session is still running" kill -0 "$cage_pid"
for w in "${want[@]}"; do
	check "the kiosk shows $w (OCR)" grep -qF "$w" "$W/ocr.txt"
done
if [ -z "$read_all" ]; then
	echo "--- OCR:"; cat "$W/ocr.txt"
	echo "--- session log:"; grep -v 'Basic output test failed' "$W/session.log" | tail -20
fi
# The shequ under this cage (not another on the machine) and its user.
under_session() { # under_session PID: PID descends from the session
	local p=$1
	while [ "$p" -gt 1 ]; do
		[ "$p" = "$cage_pid" ] && return 0
		p=$(ps -o ppid= -p "$p" | tr -d ' ')
		[ -n "$p" ] || return 1
	done
	return 1
}
kiosk_users=
for p in $(pgrep -x shequ); do
	under_session "$p" && kiosk_users="$kiosk_users$(ps -o user= -p "$p")"
done
check "shequ runs as shequ-kiosk (got '$kiosk_users')" test "$kiosk_users" = shequ-kiosk
if [ -n "${SHEQU_KIOSK_SCREENSHOT:-}" ] && [ -s "$SHOT" ]; then
	cp "$SHOT" "$SHEQU_KIOSK_SCREENSHOT"
fi
stop_session
rm -rf "$rundir"

# ---- shequ-data N -> N+1 from a local apt repository ----
note "shequ-data $DATA_N -> N+1 from file:$W/repo"
DATA_N1=$DATA_N.1
copy_tree "$W/2/shequ"
echo "$DATA_N1" >"$W/2/shequ/data/VERSION"
printf '# Published %s by the package test.\n' "$DATA_N1" >>"$W/2/shequ/data/communities.rec"
t0=$EPOCHREALTIME
check "dpkg-buildpackage -A (the data alone)" build "$W/2/shequ" -A
echo "data package built in $(elapsed "$t0") s"
check "only shequ-data is built by -A" test ! -e "$W/2/shequ_${VERSION}_$(dpkg --print-architecture).deb"
publish "$W/2/shequ-data_${DATA_N1}_all.deb"
check "apt sees shequ-data $DATA_N1" \
	sh -c "apt-cache $(printf '%q ' "${LOCAL[@]}") policy shequ-data | grep -q 'Candidate: $DATA_N1'"
"${APT[@]}" "${LOCAL[@]}" upgrade >"$W/upgrade-data.log" 2>&1
st=$?
check "apt-get upgrade: exit status $st" test "$st" = 0
check "shequ-data upgraded to $DATA_N1" \
	test "$(dpkg-query -W -f='${Version}' shequ-data)" = "$DATA_N1"
check "the new data is installed" grep -qF "# Published $DATA_N1" /usr/share/shequ/communities.rec
out=$(shequ --check 2>&1)
check "the new data passes --check: $out" test "$out" = "7 districts, 14 streets, 14 communities"

# ---- shequ upgraded with a locally changed conffile ----
note "shequ upgraded over a local change to /etc/shequ.conf"
sed -i 's/^#idle = 120$/idle = 300/' /etc/shequ.conf
check "local change made" grep -qx 'idle = 300' /etc/shequ.conf
copy_tree "$W/3/shequ"
V1="$VERSION+test1"
{
	printf 'shequ (%s) unstable; urgency=medium\n\n  * Package test: a new version.\n\n' "$V1"
	printf ' -- %s  %s\n\n' "$(dpkg-parsechangelog -l "$W/3/shequ/debian/changelog" -S Maintainer)" "$(date -R)"
	cat "$W/3/shequ/debian/changelog"
} >"$W/3/changelog" && mv "$W/3/changelog" "$W/3/shequ/debian/changelog"
# Upstream changes the file too: dpkg must ask, and the answer of
# unattended-upgrades (--force-confdef --force-confold) keeps the local one.
printf '# Changed upstream by the package test.\n' >>"$W/3/shequ/data/shequ.conf"
t0=$EPOCHREALTIME
check "dpkg-buildpackage -B (the program alone)" build "$W/3/shequ" -B
echo "program package built in $(elapsed "$t0") s"
publish "$W/3/shequ_${V1}_$(dpkg --print-architecture).deb"
"${APT[@]}" "${LOCAL[@]}" upgrade >"$W/upgrade.log" 2>&1
st=$?
check "apt-get upgrade: exit status $st" test "$st" = 0
check "shequ upgraded to $V1" test "$(dpkg-query -W -f='${Version}' shequ)" = "$V1"
check "the local change survives" grep -qx 'idle = 300' /etc/shequ.conf
check "upstream's new file beside it (.dpkg-dist)" \
	grep -qF 'Changed upstream by the package test' /etc/shequ.conf.dpkg-dist
check "the user survives the upgrade" sh -c "getent passwd shequ-kiosk >/dev/null"
out=$(shequ --check 2>&1)
check "shequ runs after the upgrade: $out" test "$out" = "7 districts, 14 streets, 14 communities"

# ---- purge ----
note "apt-get purge shequ shequ-data"
"${APT[@]}" purge shequ shequ-data >"$W/purge.log" 2>&1
st=$?
check "apt-get purge: exit status $st" test "$st" = 0
traces >"$W/traces.after"
if diff "$W/traces.before" "$W/traces.after" >"$W/traces.diff"; then
	pass
else
	fail "purge left these behind:"
	cat "$W/traces.diff" >&2
fi
check "no package left" sh -c "! dpkg-query -W shequ shequ-data 2>/dev/null | grep -q ."

printf 'package: %d passed, %d failed\n' "$_passed" "$_failed"
[ "$_failed" = 0 ]
