"""The store under SIGKILL: a writer killed at random moments, many times,
and two writer processes at once. After each kill: PRAGMA integrity_check
is ok; every snapshot whose commit had returned is there; the snapshots new
since the last check read back equal, field by field, to what was written
(the writer's verify mode regenerates them); the older ones list exactly the
totals they listed before. At the end every snapshot is read back in full.

Run by ctest with OXIDIZE_STORE_WRITER (tests/store/store_writer.cpp) set.
"""
import os
import random
import signal
import sqlite3
import subprocess
import tempfile
import time
import unittest
from pathlib import Path

WRITER = os.environ.get("OXIDIZE_STORE_WRITER", "oxidize_store_writer")
# Files per snapshot: the first write of a run takes a few tenths of a
# second in the ci build (longer under ASan), the next ones (a third of the
# files changed) less, so kills land in every phase of a write.
FILES = "8000"


def committed(stdout):
    """Snapshot ids whose commit returned: complete 'committed ID GEN' lines only."""
    ids = set()
    for line in stdout.decode().split("\n")[:-1]:  # the last piece may be cut by the kill
        parts = line.split()
        if len(parts) == 3 and parts[0] == "committed":
            ids.add(int(parts[1]))
    return ids


class StoreUnderSigkill(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        # How long one write takes here (an ASan build on a loaded machine is
        # ten times slower than a release build on a quiet one): kills are
        # spread over a few writes' time, so most land inside one.
        with tempfile.TemporaryDirectory(prefix="oxidize-sigkill-") as d:
            start = time.monotonic()
            subprocess.run([WRITER, "write", str(Path(d) / "calibrate.db"), FILES, "0", "2"], check=True,
                           capture_output=True, timeout=600)
            cls.write_seconds = (time.monotonic() - start) / 2

    def setUp(self):
        self.dir = Path(tempfile.mkdtemp(prefix="oxidize-sigkill-"))
        self.db = self.dir / "store.db"
        self.rng = random.Random(int(os.environ.get("OXIDIZE_SIGKILL_SEED", "20261206")))

    def tearDown(self):
        for p in self.dir.iterdir():
            p.unlink()
        self.dir.rmdir()

    def start_writer(self, first_generation):
        out = tempfile.TemporaryFile()
        self.addCleanup(out.close)
        proc = subprocess.Popen([WRITER, "write", str(self.db), FILES, str(first_generation)], stdout=out,
                                stderr=subprocess.PIPE)
        return proc, out

    def kill(self, proc, out):
        proc.send_signal(signal.SIGKILL)
        _, err = proc.communicate(timeout=60)
        self.assertEqual(proc.returncode, -signal.SIGKILL, f"the writer stopped on its own: {err.decode()}")
        out.seek(0)
        return committed(out.read())

    def listed(self):
        """{snapshot id: (files, code lines, functions, findings)} as the store lists them; integrity checked."""
        con = sqlite3.connect(self.db)
        try:
            self.assertEqual(con.execute("PRAGMA integrity_check").fetchall(), [("ok",)])
            return {row[0]: row[1:] for row in con.execute(
                "SELECT s.id, m.file_count, m.code_lines, m.function_count, m.finding_count "
                "FROM snapshots s JOIN manifests m ON m.id = s.manifest_id")}
        finally:
            con.close()

    def verify(self, from_id):
        """Reads back every snapshot from from_id on and compares it with what was written."""
        v = subprocess.run([WRITER, "verify", str(self.db), FILES, str(from_id)], capture_output=True, timeout=600)
        self.assertEqual(v.returncode, 0, v.stderr.decode())
        return int(v.stdout.decode().split()[1])

    def test_killed_at_random_moments(self):
        known = {}  # snapshot id -> totals, as listed after an earlier kill
        for run in range(20):
            proc, out = self.start_writer(run * 3)
            # From the first moments (opening, creating the schema) to a few writes in.
            time.sleep(self.rng.uniform(0.0, 4 * self.write_seconds))
            returned = self.kill(proc, out)
            now = self.listed()
            lost = (returned | set(known)) - set(now)
            self.assertFalse(lost, f"run {run}: snapshots lost: {sorted(lost)}")
            for i, totals in known.items():
                self.assertEqual(now[i], totals, f"run {run}: snapshot {i} changed")
            new = set(now) - set(known)
            if new:
                self.assertEqual(self.verify(min(new)), len(new))
            known = now
        self.assertGreaterEqual(len(known), 10, "the writer hardly ever committed: the kills proved little")
        self.assertEqual(self.verify(0), len(known))

    def test_two_processes_at_once(self):
        a, out_a = self.start_writer(0)
        b, out_b = self.start_writer(1000)
        time.sleep(8 * self.write_seconds)
        got_a, got_b = self.kill(a, out_a), self.kill(b, out_b)
        self.assertTrue(got_a and got_b, f"one writer never committed: {len(got_a)} and {len(got_b)}")
        now = self.listed()
        self.assertTrue(got_a | got_b <= set(now), f"snapshots lost: {sorted((got_a | got_b) - set(now))}")
        self.assertEqual(self.verify(0), len(now))


if __name__ == "__main__":
    unittest.main()
