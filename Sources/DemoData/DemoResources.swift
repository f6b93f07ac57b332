import Catalog
import Foundation
import Storage

/// The data files cqs ships so that a fresh clone runs a working demo: the official unit lists and
/// the sample procedure catalog (copied from shared/data).
public enum DemoResources {
    /// The official unit lists (units-2025.csv, units-legacy.csv, ward-merge-2025.csv).
    public static func unitSources() throws -> UnitImport.Sources {
        try UnitImport.Sources(units2025: text("units-2025", "csv"), unitsLegacy: text("units-legacy", "csv"),
                               wardMerge: text("ward-merge-2025", "csv"))
    }

    /// The sample procedure catalog (55 procedures and two linked groups).
    public static func catalogData() throws -> Data {
        try Data(contentsOf: url("catalog", "json"))
    }

    static func text(_ name: String, _ ext: String) throws -> String {
        try String(contentsOf: url(name, ext), encoding: .utf8)
    }

    static func url(_ name: String, _ ext: String) throws -> URL {
        guard let url = Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "Resources")
            ?? Bundle.module.url(forResource: name, withExtension: ext)
        else { throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "\(name).\(ext)"]) }
        return url
    }
}
