import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writing to the disk for good (fsync), for writes that are acknowledged only once they would survive a power cut:
/// the group writer's log (`WriteAheadLogSync`) and stored files (`FileStore`). Callers run these off the event loops.
enum Disk {
    /// Flushes the file (or directory) at `path` to the disk.
    static func flush(_ path: String) throws {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw FlushError(path: path, code: errno) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw FlushError(path: path, code: errno) }
    }

    /// A flush that failed: the path and the system's error number.
    struct FlushError: Error, CustomStringConvertible {
        var path: String
        var code: Int32
        var description: String { "fsync \(path): \(String(cString: strerror(code)))" }
    }
}
