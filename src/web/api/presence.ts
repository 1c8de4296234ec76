import { useEffect } from "react";
import { apiRequest } from "./client.ts";

/** The server counts an agent online for two minutes after a heartbeat. */
const HEARTBEAT_MS = 60_000;

function beat(status: "online" | "offline") {
  return apiRequest("PUT", "/api/v1/presence", { body: { status } }).catch(() => undefined);
}

/**
 * While the console is open the agent is online and can be assigned conversations
 * (round robin / least loaded); closing it says offline at once where the browser lets us.
 */
export function useOnlineHeartbeat(): void {
  useEffect(() => {
    void beat("online");
    const timer = setInterval(() => void beat("online"), HEARTBEAT_MS);
    const leave = () => void beat("offline");
    window.addEventListener("pagehide", leave);
    return () => {
      clearInterval(timer);
      window.removeEventListener("pagehide", leave);
      void beat("offline");
    };
  }, []);
}
