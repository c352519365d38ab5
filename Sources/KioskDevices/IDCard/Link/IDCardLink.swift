/// The frame-level transport under the ID-card driver: a command out, its response (or why none came) in.
///
/// The serial link decodes in the channel pipeline; the USB link decodes bulk transfers with the same codec.
protocol IDCardLink: Sendable {
    /// Drops what arrived while nobody waited (late answers to timed-out commands), sends `command`, and waits up to
    /// `timeout` for the response, a damaged frame, or `.timedOut`.
    ///
    /// Only a frame with a bad checksum counts as a damaged answer: a bad length (noise) or a truncated frame (the
    /// remains of an older one) is skipped and the answer still awaited. Throws for a transport failure or cancellation.
    func exchange(_ command: IDCardCommand, timeout: Duration) async throws(IDCardError) -> IDCardLinkEvent
    /// Closes the transport.
    func close() async
}
