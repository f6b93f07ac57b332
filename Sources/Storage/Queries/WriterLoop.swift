import NIOCore
import NIOPosix

/// Where group writes run: an event loop of their own, one per process (like the write gate). The group writer's
/// task runs on it (`executor`), and on SQLite the writer connections live on it too, so that a statement's
/// completion and the writer's next step follow each other on one quiet thread instead of waiting behind the
/// requests' work in the shared event loops and cooperative pool.
public enum WriterLoop {
    /// The loop's group (one thread).
    public static let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)

    /// Runs a task's non-isolated code on the loop (`Task(executorPreference:)`, `WriterExecutor`).
    public static let executor: any TaskExecutor = EventLoopTaskExecutor(loop: group.next())
}

/// A task executor that runs each job on one event loop.
final class EventLoopTaskExecutor: TaskExecutor {
    let loop: any EventLoop

    init(loop: any EventLoop) { self.loop = loop }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        loop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
