import Hummingbird
import KioskCore

// The wire types live in KioskCore so that kioskctl decodes what the API encodes.
extension HealthReport: ResponseEncodable {}
extension VersionInfo: ResponseEncodable {}
extension DeviceList: ResponseEncodable {}
extension DeviceStatus: ResponseEncodable {}
