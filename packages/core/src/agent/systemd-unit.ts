/**
 * The systemd unit user-data installs (kept identical to packages/spawnd/systemd/spawnd.service
 * by a test). Hardened, but spawnd still needs: /etc/motd.d for the login banner, /run/spawnd
 * for the message file, /var/lib/spawnd for its state, ttys for `wall`, and `shutdown`.
 * Its only environment beyond systemd's own is the optional /etc/spawnd/proxy.env (HTTPS_PROXY,
 * NO_PROXY… for an egress proxy; `-`: absent is fine): no /etc/environment, no PassEnvironment.
 */
export const SPAWND_SYSTEMD_UNIT = `[Unit]
Description=spawnd: ends this instance's billing when its TTL or idle timeout is reached
Wants=network-online.target
After=network-online.target

[Service]
Type=simple
ExecStart=/usr/local/bin/spawnd run
EnvironmentFile=-/etc/spawnd/proxy.env
Restart=always
RestartSec=5
NoNewPrivileges=true
ProtectSystem=strict
ProtectHome=read-only
PrivateTmp=true
ProtectKernelTunables=true
ProtectKernelModules=true
ProtectControlGroups=true
RestrictSUIDSGID=true
StateDirectory=spawnd
RuntimeDirectory=spawnd
RuntimeDirectoryPreserve=yes
ReadWritePaths=-/etc/motd.d

[Install]
WantedBy=multi-user.target
`;
