import Testing
@testable import KioskWorkflows

@Suite("Masking of personal data")
struct MaskingTests {
    @Test("names, ID numbers, phones, addresses and accounts are masked as the UI contract says")
    func masks() {
        #expect(Masking.name("张三丰") == "张*丰")
        #expect(Masking.name("李四") == "李*")
        #expect(Masking.name("欧阳测试") == "欧**试")
        #expect(Masking.idNumber("532501198503120010") == "5325**********0010")
        #expect(Masking.phone("13812345678") == "138****5678")
        #expect(Masking.address("云南省昆明市五华区翠湖南路1号") == "云南省昆明市五华区")
        #expect(Masking.address("示例省样例县城关镇1号") == "示例省样例县")
        #expect(Masking.account("6222000000000001234") == "***************1234")
        #expect(Masking.idNumber("123") == "***")
    }

    @Test("the personal-data container never shows a value when printed, and is empty after wiping")
    func container() {
        var data = PersonalData()
        data.set("identity", ["name": "张测试", "idNumber": "990101198503120010"])
        #expect(data.value(at: "identity.name") == "张测试")
        #expect(!"\(data)".contains("张测试"))
        #expect(!String(reflecting: data).contains("9901011985"))
        data.wipe()
        #expect(data.isEmpty)
        #expect(data.value(at: "identity.name") == nil)
    }
}
