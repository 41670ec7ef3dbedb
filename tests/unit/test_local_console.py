"""The functions log keeps each line whole while invocations print at once on threads."""

import io
import threading

from local.console import WholeLines


def test_lines_printed_at_once_on_two_threads_do_not_mix() -> None:
    file = io.StringIO()
    log = WholeLines(file)
    turns = threading.Barrier(2)

    def ann() -> None:
        log.write("ann starts, ")
        turns.wait()  # ben writes his whole line here
        turns.wait()
        log.write("ann ends\n")

    def ben() -> None:
        turns.wait()
        print("ben's line", file=log)  # the text, then the newline: two writes
        turns.wait()

    threads = [threading.Thread(target=ann), threading.Thread(target=ben)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert file.getvalue().splitlines() == ["ben's line", "ann starts, ann ends"]


def test_a_flush_writes_what_the_thread_has_so_far() -> None:
    file = io.StringIO()
    log = WholeLines(file)
    log.write("no newline yet")
    log.flush()
    assert file.getvalue() == "no newline yet"
