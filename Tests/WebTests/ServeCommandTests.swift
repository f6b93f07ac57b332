import Catalog
import DemoData
import Fluent
import Foundation
import Storage
import Testing
import Vapor

/// `cqs serve` as a user runs it: the built binary, started as a process on an empty SQLite file, seeds the demo,
/// serves a citizen's submission and its public tracking, and stops cleanly on Ctrl-C. This is the only test that
/// runs the command's own entry point, where NIO's event loops take over Swift Concurrency's global executor.
@Suite struct ServeCommandTests {
    /// The `cqs` binary that `swift build` put beside the test bundle.
    static var binary: URL {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("cqs")
    }

    /// Runs the binary with `arguments` to its end (logging at warning); what it printed on each stream, and its exit
    /// code. Standard error is read on a thread of its own, so that neither pipe can fill while the other is read.
    static func run(_ arguments: [String]) throws -> (status: Int32, output: String, errors: String) {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(["CQS_LOG_LEVEL": "warning"]) { _, new in new }
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        nonisolated(unsafe) var errorData = Data()
        let reading = DispatchGroup()
        DispatchQueue.global().async(group: reading) { errorData = errors.fileHandleForReading.readDataToEndOfFile() }
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        reading.wait()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outputData, as: UTF8.self), String(decoding: errorData, as: UTF8.self))
    }

    @Test func cqs_serve_runs_the_platform_from_the_built_binary() async throws {
        let binary = Self.binary
        try #require(FileManager.default.isExecutableFile(atPath: binary.path), "no cqs binary at \(binary.path): run swift build")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cqs-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let port = unusedLoopbackPort()
        let output = folder.appendingPathComponent("serve.log")
        FileManager.default.createFile(atPath: output.path, contents: nil)
        let log = try FileHandle(forWritingTo: output)
        let process = Process()
        process.executableURL = binary
        process.arguments = ["serve", "--database", folder.appendingPathComponent("cqs.sqlite").path, "--port", "\(port)"]
        process.currentDirectoryURL = folder
        process.environment = ProcessInfo.processInfo.environment.merging([
            "CQS_BCRYPT_COST": "4", "CQS_KEY_ROUNDS": "1000", "CQS_LOG_LEVEL": "warning",
            "CQS_FILES_DIR": folder.appendingPathComponent("files").path,
        ]) { _, new in new }
        process.standardOutput = log
        process.standardError = log
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        let app = try await Application.make(.testing)
        do {
            let base = "http://127.0.0.1:\(port)"
            // ready once /healthz answers (migrations and the demo seed first)
            var ready = false
            for _ in 0..<600 where !ready && process.isRunning {
                ready = (try? await app.client.get(URI(string: base + "/healthz")).status) == .ok
                if !ready { try await Task.sleep(for: .milliseconds(200)) }
            }
            let printed = { String(decoding: (try? Data(contentsOf: output)) ?? Data(), as: UTF8.self) }
            try #require(ready, "cqs serve did not answer: \(printed())")
            #expect(printed().contains("listening on http://127.0.0.1:\(port)"))
            #expect(printed().contains(DemoSeed.citizenID), "the demo accounts are printed")

            // a citizen signs in, uploads a file, submits a dossier and tracks it
            let signIn = try await app.client.post(URI(string: base + "/api/v1/auth/token")) { request in
                try request.content.encode(["username": DemoSeed.citizenID, "password": DemoSeed.password])
            }
            #expect(signIn.status == .created)
            let token = try #require(try signIn.content.get(String.self, at: "token"))
            var headers = HTTPHeaders()
            headers.bearerAuthorization = .init(token: token)
            let upload = try await app.client.post(URI(string: base + "/api/v1/files?name=giay-to.pdf"), headers: headers) { request in
                request.body = DossierAPITests.pdf
            }
            #expect(upload.status == .created)
            let file = try upload.content.get(String.self, at: "sha256")
            let procedure = try await app.client.get(URI(string: base + "/api/v1/procedures/1.001022"))
            let record = try procedure.content.get(ProcedureRecord.self, at: "record")
            struct Component: Content { var index: Int, file: String }
            struct Submission: Content { var procedure: String, unit: String, form: [String: String], components: [Component] }
            let submitted = try await app.client.post(URI(string: base + "/api/v1/dossiers"), headers: headers) { request in
                try request.content.encode(Submission(procedure: "1.001022", unit: DossierAPITests.minhXuan,
                                                      form: DossierAPITests.form(for: record), components: [Component(index: 0, file: file)]))
            }
            #expect(submitted.status == .created, "\(submitted.body.map { String(buffer: $0) } ?? "")")
            let code = try submitted.content.get(String.self, at: "code")
            let tracked = try await app.client.get(URI(string: base + "/api/v1/track/\(code)"))
            #expect(tracked.status == .ok)
            #expect(try tracked.content.get(String.self, at: "code") == code)

            // Ctrl-C: a clean stop
            kill(process.processIdentifier, SIGINT)
            for _ in 0..<300 where process.isRunning { try await Task.sleep(for: .milliseconds(100)) }
            #expect(!process.isRunning, "cqs serve did not stop on SIGINT")
            if !process.isRunning { #expect(process.terminationStatus == 0, "\(printed())") }
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }

    /// `cqs database copy` refuses what it cannot do with a message in both languages and a non-zero exit code, and
    /// creates nothing: here, a source file that does not exist.
    @Test func cqs_database_copy_refuses_a_missing_source() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cqs-copy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = folder.appendingPathComponent("khong-co.sqlite").path
        let (status, _, message) = try Self.run(["database", "copy", "--from", source,
                                                 "--to", folder.appendingPathComponent("dich.sqlite").path])
        #expect(status == 2)
        #expect(message.contains("lỗi: Không có tệp cơ sở dữ liệu nguồn"), "\(message)")
        #expect(message.contains("error: No source database file at \(source)"), "\(message)")
        #expect(!FileManager.default.fileExists(atPath: source))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("dich.sqlite").path))
    }

    /// `cqs bench dossiers` generates over the communes and the departments: 1 in 6 dossiers is a province-level one,
    /// received at the province centre's desk and handled by the department of its field; the others are received
    /// and handled by the communes in turn; the dossiers are driven to their outcomes through the state machine.
    /// `--province-only` then adds only the province-level dossiers of a range.
    @Test func cqs_bench_dossiers_generates_over_the_communes_and_the_departments() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cqs-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("nam.sqlite").path
        func bench(_ arguments: [String]) throws -> String {
            let (status, printed, errors) = try Self.run(["bench", "dossiers", "--database", file, "--requests", "16",
                                                          "--concurrency", "2", "--port", "\(Int.random(in: 21000..<29000))"] + arguments)
            #expect(status == 0, "\(printed)\n\(errors)")
            return printed
        }
        let first = try bench(["--dossiers", "36"])
        #expect(first.contains("generated 36 dossiers through the state machine"), "\(first)")
        func check(province expectedProvince: Int) async throws {
            try await withPlatform(url: file, seeded: false) { app in
                let generated = try await DossierModel.query(on: app.db).filter(\.$applicantName ~~ "Người dân ").all()
                let province = generated.filter { $0.receivingUnitCode == "TTPVHCC.TN" }
                #expect(province.count == expectedProvince)
                let units = Dictionary(uniqueKeysWithValues: try await UnitModel.query(on: app.db).all().map { ($0.code, $0) })
                for dossier in province {
                    let handling = try #require(units[dossier.handlingUnitCode])
                    #expect(handling.kind == .department, "\(dossier.code) handled by \(handling.code)")
                    let record = try #require(try await CatalogStore.published(code: dossier.procedureCode, on: app.db)?.1)
                    let expected = try await HandlingUnits.resolve(procedure: record, receivingUnit: try #require(units["TTPVHCC.TN"]),
                                                                   on: app.db)
                    #expect(dossier.handlingUnitCode == expected.code)
                }
                let communes = generated.filter { $0.receivingUnitCode != "TTPVHCC.TN" }
                #expect(communes.count == 30)
                for dossier in communes {
                    #expect(units[dossier.receivingUnitCode]?.kind.isCommuneLevel == true)
                    #expect(dossier.handlingUnitCode == dossier.receivingUnitCode)
                }
                #expect(province.contains { $0.status == .returned } && communes.contains { $0.status == .returned })
            }
        }
        try await check(province: 6)  // dossiers 5, 11, 17, 23, 29 and 35
        let second = try bench(["--dossiers", "72", "--province-only"])
        #expect(second.contains("generated 12 dossiers through the state machine"), "\(second)")
        try await check(province: 18)  // and 12 more from 0..<72, no commune dossier
    }
}
