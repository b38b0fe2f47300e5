# Sourced by bin/printgate and bin/test: makes sure a JDK 17+ and Maven are on the machine,
# installing Debian's packages when they are missing (as root on a fresh Debian machine).
ensure_build_tools() {
  local missing=()
  command -v java >/dev/null 2>&1 || missing+=(openjdk-17-jdk-headless)
  command -v javac >/dev/null 2>&1 || missing+=(openjdk-17-jdk-headless)
  command -v mvn >/dev/null 2>&1 || missing+=(maven)
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "printgate: needs ${missing[*]}; install them or run as root" >&2
    return 1
  fi
  echo "printgate: installing ${missing[*]}" >&2
  DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
}
