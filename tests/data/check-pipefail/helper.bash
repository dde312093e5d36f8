# a helper that forgot set -o pipefail
export LC_ALL=C
