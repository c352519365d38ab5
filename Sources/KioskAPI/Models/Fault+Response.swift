import Hummingbird
import KioskCore

// Health-layer wire types (in KioskCore so that kioskctl decodes what the API encodes).
extension FaultList: ResponseEncodable {}
extension FaultRecord: ResponseEncodable {}
extension FaultDetail: ResponseEncodable {}
extension DiagnosticReport: ResponseEncodable {}
extension MaintenanceState: ResponseEncodable {}
extension MaintenanceWindow: ResponseEncodable {}
