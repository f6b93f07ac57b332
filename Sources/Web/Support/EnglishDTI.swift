extension English {
    /// The digital-transformation (DTI) evaluation pages.
    static let dti: [String: String] = [:]
}
