import ArgumentParser

/// Exit statuses of kioskd, from sysexits.h, so that systemd and scripts can tell causes apart.
enum ExitStatus {
    /// The configuration is invalid (EX_CONFIG); nothing was changed.
    static let configuration = ExitCode(78)
    /// The state folder or database cannot be created or opened (EX_CANTCREAT).
    static let cannotCreate = ExitCode(73)
    /// A listener could not be started (EX_OSERR), e.g. the port is taken.
    static let operatingSystem = ExitCode(71)
}
