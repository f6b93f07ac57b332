import Core
import Dossiers
import Fluent
import Storage
import Vapor

/// `POST /api/v1/files?name=…` — upload one file (the raw body); `GET /api/v1/files/{sha256}` — download it
/// (its uploader, or anyone who may see a dossier it is attached to).
struct FileRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.POST, "files", body: .collect(maxSize: nil), use: upload)
        routes.get("files", ":sha256", use: download)
    }

    struct StoredFileDTO: Content { var sha256: String; var size: Int; var mediaType: String; var name: String }

    @Sendable func upload(req: Request) async throws -> Response {
        let signedIn = try req.signedIn()
        let buffer = req.body.data ?? ByteBuffer()
        let name = req.query[String.self, at: "name"] ?? ""
        let file = try await req.application.fileStore.store(Array(buffer.readableBytesView), name: name,
                                                             uploadedBy: signedIn.user.username, on: req.db)
        let response = Response(status: .created)
        try response.content.encode(StoredFileDTO(sha256: file.sha256, size: file.size, mediaType: file.mediaType, name: name))
        return response
    }

    @Sendable func download(req: Request) async throws -> Response {
        let signedIn = try req.signedIn()
        let sha = req.parameters.get("sha256") ?? ""
        guard let file = try await StoredFileModel.query(on: req.db).filter(\.$sha256 == sha).first() else {
            throw Problem.notFound("Không tìm thấy tệp", "No file \(sha).")
        }
        let uploaded = try await FileUploadModel.query(on: req.db).filter(\.$username == signedIn.user.username)
            .filter(\.$sha256 == sha).count() > 0
        var allowed = uploaded
        if !allowed {
            let attachments = try await DossierFileModel.query(on: req.db).filter(\.$sha256 == sha).with(\.$dossier).all()
            for attachment in attachments where !allowed {
                allowed = (try? await DossierService.visibleDossier(code: attachment.dossier.code, actor: signedIn.actor,
                                                                     on: req.db)) != nil
            }
        }
        guard allowed else { throw Problem.notFound("Không tìm thấy tệp", "No file \(sha).") }
        let data = try req.application.fileStore.read(sha)
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.contentType = HTTPMediaType.fileExtension(AcceptedFileType(rawValue: file.mediaType)?.fileExtension ?? "bin")
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(sha.prefix(12)).\(AcceptedFileType(rawValue: file.mediaType)?.fileExtension ?? "bin")\"")
        return response
    }
}
