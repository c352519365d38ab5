// swift-tools-version: 6.1
// kioskd: the daemon inside a city's 24-hour government self-service kiosk.
import PackageDescription

/// A C library of Linux linked through pkg-config, with the Debian package that provides it.
func systemLibrary(_ name: String, pkgConfig: String?, apt: String) -> Target {
    .systemLibrary(
        name: name,
        path: "Sources/CSystem/\(name)",
        pkgConfig: pkgConfig,
        providers: [.apt([apt])]
    )
}

let package = Package(
    name: "kioskd",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "kioskd", targets: ["kioskd"]),
        .executable(name: "kioskctl", targets: ["kioskctl"]),
        .executable(name: "kiosk-bench", targets: ["kiosk-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket", from: "2.8.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
    ],
    targets: [
        // C libraries of Linux (module maps with shim headers).
        systemLibrary("CLibUSB", pkgConfig: nil, apt: "libusb-1.0-0-dev"),
        systemLibrary("CLibUdev", pkgConfig: "libudev", apt: "libudev-dev"),
        systemLibrary("CPCSCLite", pkgConfig: "libpcsclite", apt: "libpcsclite-dev"),
        systemLibrary("CCups", pkgConfig: nil, apt: "libcups2-dev"),
        systemLibrary("CSystemd", pkgConfig: "libsystemd", apt: "libsystemd-dev"),
        systemLibrary("CPangoCairo", pkgConfig: "pangocairo", apt: "libpango1.0-dev"),
        systemLibrary("CQREncode", pkgConfig: nil, apt: "libqrencode-dev"),

        // Layers, lowest first (see docs/architecture in README and shared DESIGN).
        .target(
            name: "KioskCore",
            dependencies: [.product(name: "Yams", package: "Yams")]
        ),
        .target(
            name: "KioskTransport",
            dependencies: [
                "KioskCore", "CLibUSB", "CLibUdev", "CSystemd",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .target(
            name: "KioskDevices",
            dependencies: [
                "KioskCore", "KioskTransport", "CPCSCLite", "CCups", "CPangoCairo", "CQREncode",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            exclude: [
                "IDCard/README.md", "ESCPOS/README.md", "QRScanner/README.md",
                "SocialSecurity/README.md", "CUPS/README.md", "Display/README.md",
            ]
        ),
        .target(
            name: "KioskStore",
            dependencies: [
                "KioskCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .target(
            name: "KioskWorkflows",
            dependencies: [
                "KioskCore", "KioskDevices", "KioskStore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ]
        ),
        .target(
            name: "KioskHealth",
            dependencies: [
                "KioskCore", "KioskDevices", "KioskStore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ]
        ),
        .target(
            name: "KioskAPI",
            dependencies: [
                "KioskCore", "KioskStore", "KioskHealth", "KioskWorkflows", "KioskDevices",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .target(
            name: "KioskEmulators",
            dependencies: [
                "KioskCore", "KioskDevices", "KioskTransport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "KioskDaemon",
            dependencies: [
                "KioskCore", "KioskTransport", "KioskStore", "KioskAPI", "KioskHealth",
                "KioskWorkflows", "KioskEmulators", "KioskDevices",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(
            name: "KioskControl",
            dependencies: [
                "KioskCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),

        // Executables: thin entry points over the layers above.
        .executableTarget(
            name: "kiosk-emulator",
            dependencies: [
                "KioskEmulators", "KioskCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "kioskd",
            dependencies: ["KioskDaemon", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(
            name: "kioskctl",
            dependencies: ["KioskControl", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(
            name: "kiosk-bench",
            dependencies: [
                "KioskCore", "KioskStore", "KioskAPI", "KioskDevices", "KioskTransport", "KioskEmulators",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // The yardstick for kiosk-bench's idle cost: a Hummingbird server with one route and nothing else.
        .executableTarget(
            name: "kiosk-bare-server",
            dependencies: [.product(name: "Hummingbird", package: "hummingbird")]
        ),

        // A small program the transport tests run under umockdev (which works by LD_PRELOAD into a child process).
        .executableTarget(
            name: "kiosk-transport-probe",
            dependencies: [
                "KioskCore", "KioskTransport", "KioskDevices",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/Helpers/kiosk-transport-probe"
        ),

        // Helpers shared by several test targets: the pcscd turn-taking trait and the virtual social-security card.
        .target(
            name: "KioskTestSupport",
            path: "Tests/KioskTestSupport"
        ),

        .testTarget(
            name: "KioskCoreTests",
            dependencies: ["KioskCore"]
        ),
        .testTarget(
            name: "KioskTransportTests",
            dependencies: [
                "KioskTransport", "KioskCore", "kiosk-transport-probe",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            exclude: ["Recordings"]
        ),
        .testTarget(
            name: "KioskDevicesTests",
            dependencies: [
                "KioskDevices", "KioskTestSupport", "KioskCore", "KioskTransport", "KioskStore", "KioskEmulators", "kiosk-emulator",
                "kiosk-transport-probe",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOTestUtils", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "KioskWorkflowsTests",
            dependencies: [
                "KioskWorkflows", "KioskCore", "KioskStore", "KioskEmulators", "KioskTestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        .testTarget(
            name: "KioskHealthTests",
            dependencies: [
                "KioskHealth", "KioskCore", "KioskStore", "KioskDevices",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        .testTarget(
            name: "KioskStoreTests",
            dependencies: ["KioskStore", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(
            name: "KioskAPITests",
            dependencies: [
                "KioskAPI", "KioskStore", "KioskCore", "KioskDevices", "KioskWorkflows", "KioskHealth",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HummingbirdWSTesting", package: "hummingbird-websocket"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .testTarget(
            name: "KioskDaemonTests",
            dependencies: [
                "KioskDaemon", "KioskCore", "KioskStore", "KioskDevices", "KioskTestSupport", "kioskd", "kioskctl",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
    ]
)
