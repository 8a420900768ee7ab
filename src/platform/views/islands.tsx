/**
 * Islands: small Preact programs that enhance server-rendered markup on the few pages that ask
 * for them (see ARCHITECTURE.md, "Islands"). Every page works without them.
 *
 * The bundle is built in memory when the app starts (platform/http/assets.ts), which records its
 * hashed address here; the layout adds the script tag when a page passes `islands`.
 */
let scriptPath: string | undefined;

export function setIslandScriptPath(path: string): void {
  scriptPath = path;
}

/** The `<script type="module">` of the islands bundle; nothing when no bundle was built. */
export function IslandScript() {
  return scriptPath ? <script type="module" src={scriptPath} /> : null;
}
