#!/usr/bin/env bash
# Installs (Debian packages) and starts the services the scale-out tests need, on this one machine:
# PostgreSQL (a test database), munge, and a single-node Slurm cluster (slurmctld + slurmd).
# Idempotent: services already running are left alone. Needs root. Prints the store URL to use.
set -euo pipefail

need=()
command -v pg_ctlcluster >/dev/null 2>&1 || need+=(postgresql)
command -v munged >/dev/null 2>&1 || [ -x /usr/sbin/munged ] || need+=(munge)
command -v slurmctld >/dev/null 2>&1 || [ -x /usr/sbin/slurmctld ] || need+=(slurm-wlm)
if [ "${#need[@]}" -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need[@]}" >/dev/null
fi

# --- PostgreSQL: the first cluster Debian created, started without systemd.
cluster=$(pg_lsclusters -h | awk 'NR==1 {print $1" "$2}')
if [ -z "$cluster" ]; then
  pg_createcluster "$(ls /usr/lib/postgresql | sort -V | tail -1)" main >/dev/null
  cluster=$(pg_lsclusters -h | awk 'NR==1 {print $1" "$2}')
fi
pg_lsclusters -h | awk 'NR==1 {print $4}' | grep -q online || pg_ctlcluster $cluster start
for _ in $(seq 50); do runuser -u postgres -- pg_isready -q && break; sleep 0.2; done
runuser -u postgres -- psql -q -c "ALTER USER postgres PASSWORD 'perfjudge'" >/dev/null
runuser -u postgres -- psql -tAc "SELECT 1 FROM pg_database WHERE datname = 'perfjudge_test'" | grep -q 1 ||
  runuser -u postgres -- createdb perfjudge_test

# --- munge: a key, then the daemon as its own user.
[ -s /etc/munge/munge.key ] || { /usr/sbin/mungekey --create 2>/dev/null || /usr/sbin/create-munge-key -f; }
chown munge:munge /etc/munge/munge.key && chmod 400 /etc/munge/munge.key
mkdir -p /run/munge && chown munge:munge /run/munge
munge -n >/dev/null 2>&1 || runuser -u munge -- /usr/sbin/munged
for _ in $(seq 50); do munge -n >/dev/null 2>&1 && break; sleep 0.2; done

# --- Slurm: one node (this machine, as slurmd -C describes it), one partition, no cgroups.
host=$(hostname -s)
node=$(slurmd -C | head -1)
conf=/etc/slurm/slurm.conf
mkdir -p /etc/slurm /var/spool/slurmctld /var/spool/slurmd /var/log/slurm
cat > "$conf.new" <<CONF
ClusterName=perfjudge
SlurmctldHost=$host
SlurmUser=root
AuthType=auth/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
MpiDefault=none
ReturnToService=2
StateSaveLocation=/var/spool/slurmctld
SlurmdSpoolDir=/var/spool/slurmd
SlurmctldPidFile=/run/slurmctld.pid
SlurmdPidFile=/run/slurmd.pid
SlurmctldLogFile=/var/log/slurm/slurmctld.log
SlurmdLogFile=/var/log/slurm/slurmd.log
$node State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
if ! cmp -s "$conf.new" "$conf"; then
  mv "$conf.new" "$conf"
  [ -f /run/slurmctld.pid ] && kill "$(cat /run/slurmctld.pid)" 2>/dev/null || true
  [ -f /run/slurmd.pid ] && kill "$(cat /run/slurmd.pid)" 2>/dev/null || true
  sleep 1
else
  rm -f "$conf.new"
fi
scontrol ping >/dev/null 2>&1 || /usr/sbin/slurmctld
for _ in $(seq 50); do scontrol ping >/dev/null 2>&1 && break; sleep 0.2; done
pgrep -x slurmd >/dev/null || /usr/sbin/slurmd
for _ in $(seq 100); do sinfo -h -o %T 2>/dev/null | grep -Eq '^(idle|mixed|allocated)' && break; sleep 0.2; done
scontrol update nodename="$host" state=resume >/dev/null 2>&1 || true
sinfo
echo "PERFJUDGE_TEST_PG=postgres://postgres:perfjudge@localhost:5432/perfjudge_test"
