import Fluent

/// The ordered list of every migration. A shipped migration is never edited; new ones go at the end, except where a
/// comment says why (Fluent records migrations by name, so an existing database runs a new one whatever its place).
public enum StorageMigrations {
    public static let all: [any Migration] = [
        CreateUnit(),
        CreateUser(),
        CreateCatalog(),
        CreateCalendarNotice(),
        CreateAuditEvent(),
        CreateDossier(),
        CreatePayment(),
        CreateDossierGroup(),
        AddSubmissionKeys(),     // before CreateDossierTracking, which reads dossiers with every column (added later)
        AddSubmissionFingerprints(),  // likewise
        CreateDossierTracking(),
        CreateDocuments(),
        CreateDocumentExchange(),
        CreateWorkIndexes(),
        CreateOpenDeadlines(),   // before CreateIndicatorTotals, which writes its rows (added later; Fluent runs by name)
        CreateIndicatorTotals(),
        CreateDTIRounds(),
        CreateReportCampaigns(),
        AddIndicatorYearTotals(),
        FillOpenDeadlines(),
        AddLookupIndexes(),
        DropRedundantIndexes(),
        AddGroupSubmissionKeys(),
    ]
}
