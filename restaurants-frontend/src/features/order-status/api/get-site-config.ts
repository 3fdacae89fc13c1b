import { fetchJson } from "../../../lib/api-client";

/** `/site-config.json`, written by nginx from its environment: where the mail inbox is, if anywhere. */
export interface SiteConfig {
  inboxUrl: string;
}

export async function getSiteConfig(signal?: AbortSignal): Promise<SiteConfig> {
  try {
    const config = await fetchJson<Partial<SiteConfig>>("/site-config.json", { signal });
    return { inboxUrl: typeof config.inboxUrl === "string" ? config.inboxUrl : "" };
  } catch {
    return { inboxUrl: "" };
  }
}
