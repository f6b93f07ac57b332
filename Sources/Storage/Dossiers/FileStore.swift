import Core
import Crypto
import Dossiers
import Fluent
import Foundation
import NIOPosix

/// Kho tệp — files stored content-addressed by SHA-256 under a folder (`<root>/ab/cd/<sha256>`): the same bytes
/// are stored once, a file is written completely before it is recorded, and never changed afterwards.
public struct FileStore: Sendable {
    public var root: URL
    /// The largest accepted file, in bytes.
    public var maxBytes: Int

    public init(root: URL, maxBytes: Int = 10 << 20) {
        self.root = root
        self.maxBytes = maxBytes
    }

    /// Where the bytes of `sha256` live.
    public func location(of sha256: String) -> URL {
        root.appendingPathComponent(String(sha256.prefix(2)))
            .appendingPathComponent(String(sha256.dropFirst(2).prefix(2)))
            .appendingPathComponent(sha256)
    }

    /// Validates and stores an upload, recording who uploaded it under which name; returns the stored file.
    public func store(_ bytes: [UInt8], name: String, uploadedBy username: String,
                      on db: any Database) async throws -> StoredFileModel {
        guard !bytes.isEmpty else {
            throw Problem.invalid("Tệp rỗng", "The file is empty.", fields: ["file": "Tệp không có nội dung."])
        }
        guard bytes.count <= maxBytes else {
            throw Problem(status: 413, slug: "too-large", title: "Tệp vượt quá \(maxBytes >> 20) MB",
                          detail: "The file has \(bytes.count) bytes; the limit is \(maxBytes).")
        }
        guard let type = AcceptedFileType.detect(bytes) else {
            throw Problem(status: 415, slug: "unsupported-media-type",
                          title: "Chỉ nhận tệp PDF, JPEG, PNG, DOCX hoặc XML",
                          detail: "The content is not PDF, JPEG, PNG, DOCX or XML.")
        }
        let digest = Hex.lowercase(SHA256.hash(data: bytes))
        let target = location(of: digest)
        // off the event loops: the bytes written, flushed to the disk and renamed into place (a reader sees the whole
        // file or none), and the folder's new entry flushed too, before the file is recorded
        try await NIOThreadPool.singleton.runIfActive {
            guard !FileManager.default.fileExists(atPath: target.path) else { return }
            let folder = target.deletingLastPathComponent()
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let temporary = folder.appendingPathComponent(".\(UUID.random().uuidString).part")
            try Data(bytes).write(to: temporary)
            do { try Disk.flush(temporary.path) } catch {
                try? FileManager.default.removeItem(at: temporary)
                throw error
            }
            if rename(temporary.path, target.path) != 0 {
                try? FileManager.default.removeItem(at: temporary)
                // another upload of the same bytes may have put them in place meanwhile
                guard FileManager.default.fileExists(atPath: target.path) else { throw CocoaError(.fileWriteUnknown) }
            }
            try Disk.flush(folder.path)
        }
        let cleanName = String(name.trimmingCharacters(in: .whitespaces).prefix(200))
        return try await db.writeTransaction { db in
            let file: StoredFileModel
            if let existing = try await StoredFileModel.query(on: db).filter(\.$sha256 == digest).first() {
                file = existing
            } else {
                file = StoredFileModel(sha256: digest, size: bytes.count, mediaType: type.rawValue)
                try await file.create(on: db)
            }
            try await FileUploadModel(username: username, sha256: digest,
                                      name: cleanName.isEmpty ? "tep.\(type.fileExtension)" : cleanName).create(on: db)
            return file
        }
    }

    /// The bytes of a stored file.
    public func read(_ sha256: String) throws -> Data {
        try Data(contentsOf: location(of: sha256))
    }
}
