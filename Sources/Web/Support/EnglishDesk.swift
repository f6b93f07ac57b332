extension English {
    /// The one-stop desk: the queue of online dossiers awaiting intake.
    static let desk: [String: String] = [
        "Bộ phận một cửa": "One-stop desk",
        "Hồ sơ trực tuyến chờ tiếp nhận": "Online dossiers awaiting intake",
        "Nộp lúc": "Submitted at",
        "Tiếp nhận #button": "Receive",
        "Nội dung cần bổ sung": "What needs to be supplemented",
        "Yêu cầu bổ sung": "Request a supplement",
        "Không có hồ sơ chờ.": "No dossiers waiting.",
        "{0} hồ sơ": "{0} dossiers",
    ]
}
