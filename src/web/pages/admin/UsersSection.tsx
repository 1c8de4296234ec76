import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { type AdminUser, changeUserRole, listUsers } from "../../api/admin.ts";
import { ROLES, type Role } from "../../api/auth.ts";
import { useSession } from "../../auth/session.ts";
import { FormError, Notice } from "../../components/Form.tsx";
import { LoadFailed, Loading } from "../../components/Layout.tsx";
import { useDebounced } from "../../components/useDebounced.ts";
import { useI18n } from "../../i18n/index.tsx";

function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function UsersSection() {
  const { t } = useI18n();
  const [q, setQ] = useState("");
  const [role, setRole] = useState<Role | "">("");
  const filter = { q: useDebounced(q.trim()), role: role || undefined };

  const users = useQuery({
    queryKey: ["admin", "users", filter],
    queryFn: () => listUsers(filter),
    placeholderData: keepPreviousData,
  });

  return (
    <section className="panel" aria-labelledby="users-title">
      <div className="panel-head">
        <h2 id="users-title">{t("admin.users.title")}</h2>
        {users.data && (
          <span className="muted">{t("admin.users.count", { count: users.data.length })}</span>
        )}
      </div>
      <search className="filters">
        <label className="inline-field">
          <span>{t("admin.users.search")}</span>
          <input
            type="search"
            value={q}
            placeholder={t("admin.users.searchPlaceholder")}
            onChange={(e) => setQ(e.target.value)}
          />
        </label>
        <label className="inline-field">
          <span>{t("field.role")}</span>
          <select
            value={role}
            onChange={(e) => setRole(isRole(e.target.value) ? e.target.value : "")}
          >
            <option value="">{t("admin.users.allRoles")}</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
        </label>
      </search>
      {users.isPending ? (
        <Loading />
      ) : users.isError ? (
        <LoadFailed onRetry={() => void users.refetch()} />
      ) : (
        <UsersTable users={users.data} />
      )}
    </section>
  );
}

function UsersTable({ users }: { users: AdminUser[] }) {
  const { t, formatDate } = useI18n();
  const me = useSession()?.user;
  const queryClient = useQueryClient();
  const [changed, setChanged] = useState<string | null>(null);

  const mutation = useMutation({
    mutationFn: ({ user, role }: { user: AdminUser; role: Role }) => changeUserRole(user.id, role),
    onMutate: () => setChanged(null),
    onSuccess: (user) => {
      setChanged(t("admin.users.roleChanged", { name: user.name, role: t(`role.${user.role}`) }));
      return queryClient.invalidateQueries({ queryKey: ["admin", "users"] });
    },
  });

  if (users.length === 0) return <p className="muted">{t("admin.users.empty")}</p>;

  return (
    <>
      <FormError error={mutation.error} />
      {changed && (
        <Notice kind="success">
          <p>{changed}</p>
        </Notice>
      )}
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("field.name")}</th>
              <th scope="col">{t("field.email")}</th>
              <th scope="col">{t("field.role")}</th>
              <th scope="col">{t("admin.users.created")}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => {
              const isMe = user.id === me?.id;
              const pending = mutation.isPending && mutation.variables?.user.id === user.id;
              return (
                <tr key={user.id} data-testid="admin-user-row">
                  <td>
                    {user.name}
                    {isMe && <span className="badge">{t("admin.users.you")}</span>}
                  </td>
                  <td className="nowrap">{user.email}</td>
                  <td>
                    <select
                      aria-label={t("admin.users.roleOf", { name: user.name })}
                      value={pending ? mutation.variables.role : user.role}
                      disabled={isMe || pending}
                      title={isMe ? t("admin.users.selfHint") : undefined}
                      onChange={(e) => {
                        if (isRole(e.target.value)) mutation.mutate({ user, role: e.target.value });
                      }}
                    >
                      {ROLES.map((r) => (
                        <option key={r} value={r}>
                          {t(`role.${r}`)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td className="nowrap muted">{formatDate(user.createdAt)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {users.some((u) => u.id === me?.id) && (
        <p className="field-hint">{t("admin.users.selfHint")}</p>
      )}
    </>
  );
}
