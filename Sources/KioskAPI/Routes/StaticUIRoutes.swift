import Foundation
import Hummingbird

/// The touch UI (`ui/`: index.html, css/, js/) served at `/`.
///
/// The folder is read once when the router is built: a lookup in memory, so no request path can reach
/// a file outside it. API routes win: the UI only answers GET/HEAD requests that no route matched,
/// and never for `/api/…`. An unknown path without a file extension gets index.html (the app has a
/// single page); an unknown file gets 404.
struct StaticUIRoutes {
    let files: StaticUIFiles

    init(environment: APIEnvironment) {
        files = StaticUIFiles.load(directory: StaticUIFiles.directory(for: environment))
    }

    func addRoutes(to router: Router<KioskRequestContext>) {
        router.add(middleware: StaticUIMiddleware(files: files))
    }
}
