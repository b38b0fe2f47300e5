package org.printgate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GroupCommitTest {
    /** A store that records each commit's writes; its commits can be held to let writes pile up, or made to fail. */
    private static final class RecordingTarget implements GroupCommit.Target<String> {
        final List<List<String>> commits = new ArrayList<>();
        final List<String> open = new ArrayList<>();
        final CountDownLatch firstCommitStarted = new CountDownLatch(1);
        final CountDownLatch releaseFirstCommit = new CountDownLatch(1);
        volatile String failOn;
        int rollbacks;

        @Override
        public void write(List<String> writes) {
            open.addAll(writes);
        }

        @Override
        public void commit() {
            firstCommitStarted.countDown();
            try {
                releaseFirstCommit.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (failOn != null && open.contains(failOn)) {
                throw new IllegalStateException("disk full");
            }
            synchronized (commits) {
                commits.add(List.copyOf(open));
            }
            open.clear();
        }

        @Override
        public void rollback() {
            rollbacks++;
            open.clear();
        }
    }

    @Test
    void writesHandedInWhileACommitRunsShareTheNextCommit() throws Exception {
        RecordingTarget target = new RecordingTarget();
        try (GroupCommit<String> committer = new GroupCommit<>("test-committer", target)) {
            CompletableFuture<Void> first = committer.submit("a");
            assertThat(target.firstCommitStarted.await(10, TimeUnit.SECONDS)).isTrue();
            List<CompletableFuture<Void>> waiting = new ArrayList<>();
            for (String write : List.of("b", "c", "d", "e")) {
                waiting.add(committer.submit(write));
            }
            assertThat(waiting).noneMatch(CompletableFuture::isDone);

            target.releaseFirstCommit.countDown();
            first.get(10, TimeUnit.SECONDS);
            CompletableFuture.allOf(waiting.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

            synchronized (target.commits) {
                assertThat(target.commits).containsExactly(List.of("a"), List.of("b", "c", "d", "e"));
            }
        }
    }

    @Test
    void aFailedCommitFailsItsWritersAndTheNextOnesStillCommit() throws Exception {
        RecordingTarget target = new RecordingTarget();
        target.releaseFirstCommit.countDown();
        target.failOn = "bad";
        try (GroupCommit<String> committer = new GroupCommit<>("test-committer", target)) {
            CompletableFuture<Void> failed = committer.submit("bad");
            assertThatThrownBy(failed::join).isInstanceOf(CompletionException.class).hasMessageContaining("disk full");
            committer.submit("good").get(10, TimeUnit.SECONDS);

            assertThat(target.rollbacks).isEqualTo(1);
            synchronized (target.commits) {
                assertThat(target.commits).containsExactly(List.of("good"));
            }
        }
    }

    @Test
    void closingCommitsWhatWasHandedInAndRefusesMore() throws Exception {
        RecordingTarget target = new RecordingTarget();
        target.releaseFirstCommit.countDown();
        GroupCommit<String> committer = new GroupCommit<>("test-committer", target);
        CompletableFuture<Void> last = committer.submit("last");
        committer.close();

        assertThat(last).isCompleted();
        assertThatThrownBy(() -> committer.submit("late").join()).hasMessageContaining("store closed");
    }
}
