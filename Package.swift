// swift-tools-version:6.0
import PackageDescription

/// ChinhQuyenSo (cqs): a digital-government platform for a Vietnamese province.
/// One library target per domain capability; `Storage` holds the Fluent models and migrations,
/// `Web` the HTTP API and pages, `cqs` the command that bootstraps everything.
let package = Package(
    name: "ChinhQuyenSo",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "cqs", targets: ["cqs"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-kit.git", from: "1.57.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.7.4"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.24.0"),
    ],
    targets: [
        // Shared vocabulary: problems (RFC 9457), Vietnamese text folding, clocks.
        .target(name: "Core"),
        // Lịch làm việc — working days, public holidays, the Vietnamese lunar calendar, legal deadlines.
        .target(name: "WorkCalendar", dependencies: ["Core"]),
        // Đơn vị hành chính và cơ quan — the tree of government units and their identifier codes.
        .target(name: "Organisation", dependencies: ["Core"]),
        // Tài khoản, vai trò, phân quyền — people, roles, unit scope, personal identification numbers.
        .target(name: "Access", dependencies: ["Core", "Organisation"]),
        // Danh mục thủ tục hành chính — the procedure catalog and its internal processes.
        .target(name: "Catalog", dependencies: ["Core"]),
        // Hồ sơ một cửa — the dossier lifecycle: statuses and national codes, actions, codes, the legal clock, e-forms.
        .target(name: "Dossiers", dependencies: ["Core", "WorkCalendar", "Access", "Catalog"]),
        // Thanh toán trực tuyến — the payment-gateway adapter and the local test gateway (HMAC-signed callbacks).
        .target(name: "Payments", dependencies: ["Core", .product(name: "Crypto", package: "swift-crypto")]),
        // Chữ ký số — the province certificate authority (issue, revoke, CRL), keys encrypted at rest, CMS detached
        // signatures that openssl verifies (and openssl's that cqs verifies), a document's personal + seal signatures.
        .target(name: "Signing", dependencies: [
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "_CryptoExtras", package: "swift-crypto"),
            .product(name: "X509", package: "swift-certificates"),
            .product(name: "SwiftASN1", package: "swift-asn1"),
        ]),
        // Văn bản đi, văn bản đến — Decree 30/2020 document types, number and symbol, series, the outgoing and incoming
        // workflows, the registers (sổ đăng ký) and their CSV.
        .target(name: "Documents"),
        // Liên thông văn bản — edXML (QCVN 102:2016) packages and status messages: build, parse, validate rule by rule.
        .target(name: "Exchange"),
        // Tìm kiếm văn bản — text of PDF, DOCX and plain files, and an in-memory full-text index folded for Vietnamese.
        .target(name: "DocumentSearch", dependencies: [.product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        // Chỉ số — figures of the one-stop shop and documents, the Decision 766 service-quality index, the DTI framework
        // (pure: fed with facts by the storage layer).
        .target(name: "Indicators"),
        // Định danh điện tử — OpenID Connect (authorization code + PKCE, ES256 ID tokens) for VNeID sign-in, and the
        // LOCAL STAND-IN provider that behaves like one (not VNeID).
        .target(name: "Identity", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        // Bảng tính — report and figure tables written as CSV and as XLSX (Office Open XML, zipped with ZIPFoundation).
        .target(name: "Spreadsheet", dependencies: ["Core", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        // Biểu đồ, bản đồ — server-side SVG: trend charts, ranking bars, the map of communes coloured by a rate.
        .target(name: "Charts", dependencies: ["Core"]),
        // Mã QR — a QR code encoder (ISO/IEC 18004) rendering SVG and PNG, for receipt slips.
        .target(name: "QRCode"),
        // Fluent models, migrations and queries: the same schema on SQLite and PostgreSQL.
        .target(name: "Storage", dependencies: [
            "Core", "WorkCalendar", "Organisation", "Access", "Catalog", "Dossiers", "Payments",
            "Documents", "Signing", "Exchange", "DocumentSearch", "Indicators",
            .product(name: "Fluent", package: "fluent"),
            .product(name: "FluentKit", package: "fluent-kit"),
            .product(name: "FluentSQL", package: "fluent-kit"),
            .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
            .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
            .product(name: "SQLKit", package: "sql-kit"),
            .product(name: "Vapor", package: "vapor"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // Demo data for Tuyên Quang: units, departments, the sample catalog and demo accounts.
        .target(name: "DemoData", dependencies: ["Storage", "Organisation", "Catalog", "Access"],
                resources: [.copy("Resources")]),
        // The HTTP API (/api/v1), pages, metrics and the composition root `configure`.
        .target(name: "Web", dependencies: [
            "Core", "WorkCalendar", "Organisation", "Access", "Catalog", "Dossiers", "Payments", "QRCode", "Storage", "DemoData",
            "Documents", "Signing", "Exchange", "Identity", "DocumentSearch", "Indicators", "Charts", "Spreadsheet",
            .product(name: "Vapor", package: "vapor"),
            .product(name: "Fluent", package: "fluent"),
            .product(name: "SQLKit", package: "sql-kit"),
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // The `cqs` command: serve, migrate, seed, import, user, bench.
        .executableTarget(name: "cqs", dependencies: [
            "Web", "Storage", "DemoData", "Documents", "Signing", "DocumentSearch", "Indicators",
            .product(name: "X509", package: "swift-certificates"),
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Vapor", package: "vapor"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
        ]),
        .testTarget(name: "WorkCalendarTests", dependencies: ["WorkCalendar"]),
        .testTarget(name: "QRCodeTests", dependencies: ["QRCode"]),
        .testTarget(name: "SpreadsheetTests", dependencies: ["Spreadsheet", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .testTarget(name: "ChartsTests", dependencies: ["Charts"]),
        .testTarget(name: "DossiersTests", dependencies: ["Dossiers", "WorkCalendar", "Catalog", "Core"]),
        .testTarget(name: "AccessTests", dependencies: ["Access"]),
        .testTarget(name: "CatalogTests", dependencies: ["Catalog", "Core"]),
        .testTarget(name: "DocumentsTests", dependencies: ["Documents"]),
        .testTarget(name: "IndicatorsTests", dependencies: ["Indicators"]),
        .testTarget(name: "IdentityTests", dependencies: ["Identity", .product(name: "Crypto", package: "swift-crypto")]),
        .testTarget(name: "DocumentSearchTests", dependencies: [
            "DocumentSearch", "Core", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ], resources: [.copy("Fixtures")]),
        .testTarget(name: "ExchangeTests", dependencies: ["Exchange"], resources: [.copy("Fixtures")]),
        .testTarget(name: "SigningTests", dependencies: [
            "Signing",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "X509", package: "swift-certificates"),
            .product(name: "SwiftASN1", package: "swift-asn1"),
        ]),
        .testTarget(name: "WebTests", dependencies: [
            "Web", "Storage", "DemoData", "Indicators", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            .product(name: "VaporTesting", package: "vapor"),
        ]),
    ],
    swiftLanguageModes: [.v5]
)
