import { useT } from "../../i18n/index.tsx";

/** The channel's mark, small and in the text colour, with its name for screen readers. */
export function ChannelIcon({ channel, size = 14 }: { channel: string; size?: number }) {
  const t = useT();
  const label =
    channel === "x"
      ? t("console.channel.x")
      : channel === "facebook"
        ? t("console.channel.facebook")
        : channel;
  return (
    <span className={`channel-icon channel-${channel}`} title={label}>
      <svg viewBox="0 0 24 24" width={size} height={size} aria-hidden="true">
        {channel === "x" ? (
          <path
            fill="currentColor"
            d="M17.8 3h3.1l-6.8 7.7L22 21h-6.2l-4.9-6.3L5.3 21H2.2l7.2-8.3L1.8 3h6.4l4.4 5.8L17.8 3Zm-1.1 16.2h1.7L7.4 4.7H5.6l11.1 14.5Z"
          />
        ) : channel === "facebook" ? (
          <path
            fill="currentColor"
            d="M12 2a10 10 0 0 0-1.6 19.9v-7H7.9V12h2.5V9.8c0-2.5 1.5-3.9 3.8-3.9 1.1 0 2.2.2 2.2.2v2.5h-1.3c-1.2 0-1.6.8-1.6 1.6V12h2.8l-.4 2.9h-2.3v7A10 10 0 0 0 12 2Z"
          />
        ) : (
          <circle cx="12" cy="12" r="8" fill="none" stroke="currentColor" strokeWidth="2" />
        )}
      </svg>
      <span className="visually-hidden">{label}</span>
    </span>
  );
}
