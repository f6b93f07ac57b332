import Access
import ArgumentParser

import DemoData
import DocumentSearch
import Documents
import Fluent
import Foundation
import Signing
import SQLKit
import Storage
import Vapor
import Web
import X509

extension Bench {
    /// `cqs bench documents` — issuing and registering documents through the real workflow, numbering throughput,
    /// signatures made and verified beside `openssl cms` doing the same work in the same run.
    struct DocumentsBench: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "documents",
            abstract: "Documents issued and registered per second, numbers per second, signatures per second beside openssl cms.")
        @Option(help: "Database: SQLite path or postgres:// URL (default: a fresh SQLite file in a temporary folder).")
        var database: String?
        @Option(help: "Documents drafted, approved, signed, issued and registered at the recipient.") var documents = 700_000
        @Option(help: "Documents committed together in one transaction while issuing and registering paper.") var batch = 100
        @Option(help: "Incoming paper documents then registered by the clerks, one transaction each.") var paper = 0
        @Option(help: "Numbers taken from one series by concurrent issuers.") var numbers = 20_000
        @Option(help: "Concurrent issuers for the numbering run.") var concurrency = 8
        @Option(help: "Signatures made and verified (by cqs, then by openssl cms).") var signatures = 300
        @Option(help: "Documents in the full-text index for the search run.") var searchDocuments = 1_000_000
        @Option(help: "Queries of each kind in the search run.") var queries = 1_000

        func run() async throws {
            try await withBenchPlatform(database: database, name: "documents", port: 18082) { app, config in
                let keys = SigningStore.Keys(passphrase: config.signingPassphrase, rounds: config.keyRounds)
                if (try? await SigningStore.authorityCertificatePEM(on: app.db)) == nil {
                    _ = try await SigningStore.initialise(keys: keys, actor: "bench", at: Date(), on: app.db)
                }
                print("cqs bench documents — \(config.usesPostgres ? "PostgreSQL" : "SQLite")")
                print("| phase | count | seconds | per second |")
                print("|---|---:|---:|---:|")
                let start = DispatchTime.now().uptimeNanoseconds
                try await issue(app, keys: keys)
                try await registerPaper(app, keys: keys)
                if documents + paper > 0 {
                    Self.row("the whole year's registers (outgoing issued + incoming registered)", 2 * documents + paper, Self.seconds(since: start))
                    try await checkRegisters(app)
                }
                try await numbering(app)
                try await signing(app, keys: keys)
                search()
            }
        }

        static func row(_ phase: String, _ count: Int, _ seconds: Double) {
            print(String(format: "| %@ | %d | %.1f | %.0f |", phase, count, seconds, Double(count) / max(seconds, 1e-9)))
        }

        static func seconds(since start: UInt64) -> Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }

        /// Each document goes draft → submit → endorse → approve → sign → issue at Sở Tư pháp, and is registered by
        /// the clerk of the recipient (the province's office), in batches of `batch` per transaction.
        func issue(_ app: Application, keys: SigningStore.Keys) async throws {
            guard documents > 0 else { return }
            let db = app.db
            let file = try await app.fileStore.store(Array("%PDF-1.4\n% van ban\n%%EOF\n".utf8), name: "van-ban.pdf",
                                                     uploadedBy: "stp.chuyenvien", on: db)
            var contexts: [String: DocumentService.Context] = [:]
            for username in ["stp.chuyenvien", "stp.lanhdaodonvi", "stp.lanhdao", "stp.vanthu", "tinh.vanthu"] {
                guard let user = try await UserModel.find(username: username, on: db) else { continue }
                contexts[username] = DocumentService.Context(actor: try await AccountStore.actor(for: user, on: db), fullName: user.fullName,
                                                             now: Date(), keys: keys, files: app.fileStore)
            }
            let fixed = contexts
            let start = DispatchTime.now().uptimeNanoseconds
            for batchStart in stride(from: 0, to: documents, by: batch) {
                let count = min(batch, documents - batchStart)
                try await db.writeTransaction { db in
                    for index in 0..<count {
                        guard let specialist = fixed["stp.chuyenvien"] else { return }
                        let draft = try await DocumentService.draft(
                            .init(type: (batchStart + index) % 3 == 0 ? .plan : .report, subject: "Báo cáo số \(batchStart + index)",
                                  contentFile: file.sha256, signer: "stp.lanhdao", recipients: ["VPUBND"]),
                            context: specialist, on: db)
                        let id = try draft.requireID()
                        for (action, who) in [(OutgoingAction.submit, "stp.chuyenvien"), (.endorse, "stp.lanhdaodonvi"),
                                              (.approve, "stp.lanhdao"), (.sign, "stp.lanhdao"), (.issue, "stp.vanthu")] {
                            guard let context = fixed[who] else { continue }
                            _ = try await DocumentService.act(action, id: id, input: .init(), context: context, on: db)
                        }
                        if let copy = try await DocumentModel.query(on: db).filter(\.$sourceIdentity == id.uuidString).first(),
                           let clerk = fixed["tinh.vanthu"] {
                            _ = try await DocumentService.act(IncomingAction.register, id: copy.requireID(), input: .init(),
                                                              context: clerk, on: db)
                        }
                    }
                }
                if (batchStart + count) % 10_000 < batch, batchStart + count < documents {
                    let elapsed = Self.seconds(since: start)
                    print(String(format: "  … %d documents in %.0f s (%.0f/s)", batchStart + count, elapsed, Double(batchStart + count) / elapsed))
                }
            }
            Self.row("draft → issue → registered at the recipient (7 changes, 2 signatures each)", documents, Self.seconds(since: start))
        }

        /// `paper` incoming paper documents registered by the clerks of the province's office and of Sở Tư pháp in
        /// turn (`DocumentService.registerPaper`: validation, text extraction, the incoming number, the history row),
        /// in batches of `batch` per transaction like the issued documents (`--batch 1`: one transaction each).
        func registerPaper(_ app: Application, keys: SigningStore.Keys) async throws {
            guard paper > 0 else { return }
            let db = app.db
            var clerks: [DocumentService.Context] = []
            var scans: [String] = []
            for username in ["tinh.vanthu", "stp.vanthu"] {
                guard let user = try await UserModel.find(username: username, on: db) else { continue }
                clerks.append(DocumentService.Context(actor: try await AccountStore.actor(for: user, on: db), fullName: user.fullName,
                                                      now: Date(), keys: keys, files: app.fileStore))
                scans.append(try await app.fileStore.store(Array("%PDF-1.4\n% ban quet\n%%EOF\n".utf8), name: "ban-quet.pdf",
                                                           uploadedBy: username, on: db).sha256)
            }
            guard !clerks.isEmpty else { return }
            let start = DispatchTime.now().uptimeNanoseconds
            let fixed = (clerks: clerks, scans: scans)
            for batchStart in stride(from: 0, to: paper, by: batch) {
                let range = batchStart..<min(batchStart + batch, paper)
                try await db.writeTransaction { db in
                    for index in range {
                        let turn = index % fixed.clerks.count
                        _ = try await DocumentService.registerPaper(
                            .init(type: index % 4 == 0 ? .officialLetter : .report, subject: "Công văn đến số \(index)",
                                  sender: "UBND huyện cũ \(index % 17)", symbol: "\(index % 900 + 1)/CV-UBND",
                                  issuedOn: "2026-0\(index % 9 + 1)-15", scanFile: fixed.scans[turn]),
                            context: fixed.clerks[turn], on: db)
                    }
                }
                if range.upperBound % 20_000 < batch, range.upperBound < paper {
                    let elapsed = Self.seconds(since: start)
                    print(String(format: "  … %d paper documents in %.0f s (%.0f/s)", range.upperBound, elapsed, Double(range.upperBound) / elapsed))
                }
            }
            Self.row("paper documents registered (validation, number, history; \(batch) per transaction)", paper, Self.seconds(since: start))
        }

        /// Each register of the year: its entries, and whether their numbers are exactly 1…n (no gap, no duplicate).
        func checkRegisters(_ app: Application) async throws {
            let sql = app.db as! any SQLDatabase
            let rows = try await sql.raw("""
                SELECT agency_code, direction, COUNT(*) AS n, COUNT(DISTINCT COALESCE(incoming_number, number)) AS distinct_numbers,
                       MIN(COALESCE(incoming_number, number)) AS low, MAX(COALESCE(incoming_number, number)) AS high
                FROM documents WHERE (direction = 'outgoing' AND number IS NOT NULL) OR (direction = 'incoming' AND incoming_number IS NOT NULL)
                GROUP BY agency_code, direction ORDER BY agency_code, direction
                """).all()
            var entries = 0
            for row in rows {
                let n = try row.decode(column: "n", as: Int.self), distinct = try row.decode(column: "distinct_numbers", as: Int.self)
                let low = try row.decode(column: "low", as: Int.self), high = try row.decode(column: "high", as: Int.self)
                entries += n
                print("  register \(try row.decode(column: "agency_code", as: String.self)) \(try row.decode(column: "direction", as: String.self)): "
                      + "\(n) entries, numbers \(low)…\(high), 1…n without gap or duplicate: \(low == 1 && high == n && distinct == n ? "yes" : "NO")")
            }
            print("  \(entries) register entries in all")
        }

        /// `numbers` numbers from one series, taken by `concurrency` issuers each in its own transaction; checks
        /// that they are 1…n without a gap or a duplicate.
        func numbering(_ app: Application) async throws {
            guard numbers > 0 else { return }
            let db = app.db
            let series = "bench/\(UUID().uuidString)"
            let perIssuer = numbers / concurrency
            let start = DispatchTime.now().uptimeNanoseconds
            let taken = try await withThrowingTaskGroup(of: [Int].self) { group in
                for _ in 0..<concurrency {
                    group.addTask {
                        var mine: [Int] = []
                        for _ in 0..<perIssuer {
                            mine.append(try await db.writeTransaction { db in try await DocumentService.nextNumber(series: series, on: db) })
                        }
                        return mine
                    }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            let elapsed = Self.seconds(since: start)
            let contiguous = taken.sorted() == Array(1...(perIssuer * concurrency))
            Self.row("numbers, \(concurrency) concurrent issuers (1…n without gap: \(contiguous ? "yes" : "NO"))", taken.count, elapsed)
        }

        /// Signs and verifies `signatures` times in-process, then has `openssl cms` sign and verify the same content
        /// with the same certificate and key the same number of times (one process per operation, as a script would).
        func signing(_ app: Application, keys: SigningStore.Keys) async throws {
            guard signatures > 0 else { return }
            let now = Date()
            var authority = try ProvinceCertificateAuthority.initialise(passphrase: "bench", validFrom: now.addingTimeInterval(-3600),
                                                                        validUntil: now.addingTimeInterval(86400 * 365), keyDerivationRounds: 1000)
            let credential = try authority.issueWithNewKey(kind: .personal, subject: CertificateSubject(commonName: "Bench", organisation: "Bench"),
                                                           notBefore: now.addingTimeInterval(-60), notAfter: now.addingTimeInterval(86400),
                                                           issuedAt: now)
            let content = Data(repeating: 0x41, count: 100_000)
            var made: [Data] = []
            var start = DispatchTime.now().uptimeNanoseconds
            for _ in 0..<signatures {
                made.append(try DetachedSignature.sign(content: content, certificate: credential.certificate,
                                                       privateKey: credential.privateKey, signingTime: now))
            }
            Self.row("cqs: CMS signatures made (100 kB)", signatures, Self.seconds(since: start))
            let root = authority.certificate
            start = DispatchTime.now().uptimeNanoseconds
            var valid = 0
            for signature in made where DetachedSignature.verify(content: content, signature: signature, trustedRoot: root, at: now).isValid {
                valid += 1
            }
            Self.row("cqs: CMS signatures verified (\(valid) valid)", signatures, Self.seconds(since: start))

            let directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("cqs-bench-cms-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            try content.write(to: directory.appendingPathComponent("content.bin"))
            try Data(credential.certificatePEM.utf8).write(to: directory.appendingPathComponent("cert.pem"))
            try Data(credential.privateKeyPEM.utf8).write(to: directory.appendingPathComponent("key.pem"))
            try Data(authority.certificatePEM.utf8).write(to: directory.appendingPathComponent("ca.pem"))
            try made[0].write(to: directory.appendingPathComponent("sig.der"))
            start = DispatchTime.now().uptimeNanoseconds
            for _ in 0..<signatures {
                try Self.openssl(["cms", "-sign", "-binary", "-in", "content.bin", "-signer", "cert.pem", "-inkey", "key.pem",
                                  "-outform", "DER", "-out", "openssl.der"], in: directory)
            }
            Self.row("openssl cms -sign (one process each)", signatures, Self.seconds(since: start))
            start = DispatchTime.now().uptimeNanoseconds
            for _ in 0..<signatures {
                try Self.openssl(["cms", "-verify", "-binary", "-inform", "DER", "-in", "sig.der", "-content", "content.bin",
                                  "-CAfile", "ca.pem", "-purpose", "any", "-out", "/dev/null"], in: directory)
            }
            Self.row("openssl cms -verify of cqs's signature (one process each)", signatures, Self.seconds(since: start))
        }

        /// Full-text search over `searchDocuments` generated documents (subject and body of Vietnamese words): p50 and
        /// p99 of each kind of query.
        func search() {
            guard searchDocuments > 0 else { return }
            let words = ["kế hoạch", "báo cáo", "chuyển đổi số", "phổ biến", "pháp luật", "tuyên truyền", "hành chính", "cải cách",
                         "đất đai", "xây dựng", "giáo dục", "y tế", "nông nghiệp", "du lịch", "tài chính", "ngân sách", "đầu tư",
                         "công nghệ", "thông tin", "an ninh", "quốc phòng", "dân tộc", "tôn giáo", "môi trường", "giao thông",
                         "văn hóa", "thể thao", "lao động", "việc làm", "bảo hiểm", "xã hội", "trẻ em", "phụ nữ", "thanh niên",
                         "kiểm tra", "thanh tra", "khiếu nại", "tố cáo", "phòng chống", "tham nhũng", "lãng phí", "thi đua"]
            let agencies = ["STP", "SNV", "STC", "SXD", "SYT", "SGDDT", "VPUBND"] + (0..<124).map { String(format: "02%03d", $0) }
            let types = ["plan", "report", "decision", "officialLetter", "notice"]
            var generator = SystemRandomNumberGenerator()
            func phrase(_ count: Int) -> String { (0..<count).map { _ in words.randomElement(using: &generator)! }.joined(separator: " ") }
            let index = SearchIndex()
            let year = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01
            var start = DispatchTime.now().uptimeNanoseconds
            var chunk: [SearchDocument] = []
            chunk.reserveCapacity(10_000)
            for number in 1...searchDocuments {
                chunk.append(SearchDocument(id: UUID(), symbol: "\(NumberAndSymbol.format(number: number))/KH-STP", subject: phrase(5),
                                            body: phrase(15), type: types[number % types.count], agency: agencies[number % agencies.count],
                                            signer: "lanhdao\(number % 50)", status: "issued",
                                            date: year.addingTimeInterval(Double(number % 365) * 86400)))
                if chunk.count == 10_000 { index.add(contentsOf: chunk); chunk.removeAll(keepingCapacity: true) }
            }
            index.add(contentsOf: chunk)
            Self.row("documents indexed for search", searchDocuments, Self.seconds(since: start))
            let kinds: [(String, () -> SearchQuery)] = [
                ("3 words", { SearchQuery(phrase(3)) }),
                ("2 words, the last cut short", { SearchQuery(String(phrase(2).dropLast(2))) }),
                ("number and symbol", { SearchQuery("\(NumberAndSymbol.format(number: Int.random(in: 1...searchDocuments)))/KH-STP") }),
                ("2 words + agency + dates", { SearchQuery(phrase(2), agencies: ["STP"], from: year, to: year.addingTimeInterval(90 * 86400)) }),
            ]
            print("| search over \(searchDocuments) documents | queries | p50 ms | p99 ms |")
            print("|---|---:|---:|---:|")
            for (name, make) in kinds {
                var times: [Double] = []
                for _ in 0..<queries {
                    let query = make()
                    start = DispatchTime.now().uptimeNanoseconds
                    _ = index.search(query)
                    times.append(Self.seconds(since: start) * 1000)
                }
                times.sort()
                print(String(format: "| %@ | %d | %.2f | %.2f |", name, queries, times[times.count / 2], times[min(times.count - 1, times.count * 99 / 100)]))
            }
        }

        static func openssl(_ arguments: [String], in directory: URL) throws {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
            process.arguments = arguments
            process.currentDirectoryURL = directory
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                throw ValidationError("openssl \(arguments.prefix(2).joined(separator: " ")) failed (\(process.terminationStatus))")
            }
        }
    }
}
