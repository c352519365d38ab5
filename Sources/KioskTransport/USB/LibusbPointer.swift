/// A libusb context, device or device handle pointer that may cross threads: libusb's own locking
/// makes its calls on these thread-safe, and the owning Swift object decides when it is freed.
struct LibusbPointer: @unchecked Sendable {
    let raw: OpaquePointer
}
