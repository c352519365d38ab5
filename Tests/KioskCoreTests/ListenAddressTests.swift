import Testing
@testable import KioskCore

@Suite("Listen address")
struct ListenAddressTests {
    @Test("host and port forms")
    func forms() {
        #expect(ListenAddress("127.0.0.1:8080") == ListenAddress(host: "127.0.0.1", port: 8080))
        #expect(ListenAddress("[::1]:9000") == ListenAddress(host: "::1", port: 9000))
        #expect(ListenAddress("0.0.0.0:0")?.port == 0)
        #expect(ListenAddress(host: "::1", port: 80).description == "[::1]:80")
    }

    @Test("bad forms are refused", arguments: ["localhost", ":8080", "host:99999", "host:port", "[::1]8080"])
    func refuses(_ text: String) {
        #expect(ListenAddress(text) == nil)
    }
}
