# test/diff/chdb_lib.sh: sourced by test/diff/chdb.sh and test/bench/funnel.sh.
# chdb_ensure: makes sure node (>= 18) and the npm package chdb 3.4.0
# (embedded ClickHouse 26.7) are there, installing chdb with npm into
# $JOURNEY_CACHE/chdb (default ~/.cache/journey/chdb, outside the repo, about
# 550 MB) when missing.  Sets chdb_module (the package directory) and
# chdb_server_version.  Needs the caller's repo root as the current directory
# (for test/deps, used only when node or npm is missing).

chdb_version=3.4.0
chdb_cache=${JOURNEY_CACHE:-$HOME/.cache/journey}/chdb
chdb_module=$chdb_cache/node_modules/chdb

chdb_check() {	# prints the ClickHouse version of the cached chdb; fails when unusable
	[ -f "$chdb_module/package.json" ] || return 1
	[ "$(node -p "require('$chdb_module/package.json').version" 2>/dev/null)" = "$chdb_version" ] || return 1
	node -e "process.stdout.write(require('$chdb_module').query('SELECT version()', 'TSV').trim())" 2>/dev/null
}

chdb_ensure() {
	if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
		bash test/deps nodejs npm
	fi
	local major
	major=$(node -p 'process.versions.node.split(".")[0]')
	if [ "$major" -lt 18 ]; then
		echo "chdb needs node >= 18, found $(node --version)" >&2
		return 2
	fi
	if ! chdb_server_version=$(chdb_check); then
		echo "installing chdb $chdb_version into $chdb_cache (npm, about 550 MB)"
		mkdir -p "$chdb_cache"
		[ -f "$chdb_cache/package.json" ] || echo '{ "name": "journey-chdb-cache", "private": true }' >"$chdb_cache/package.json"
		(cd "$chdb_cache" && npm install --no-audit --no-fund --loglevel=error "chdb@$chdb_version" >/dev/null) || return 2
		if ! chdb_server_version=$(chdb_check); then
			echo "chdb $chdb_version in $chdb_cache does not work" >&2
			return 2
		fi
	fi
	case $chdb_server_version in
	26.7*) echo "chdb $chdb_version: ClickHouse $chdb_server_version ($chdb_cache)" ;;
	*) echo "chdb $chdb_version runs ClickHouse $chdb_server_version, expected 26.7" >&2; return 2 ;;
	esac
}
