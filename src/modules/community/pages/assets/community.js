// hilft community: progressive enhancement for the server-rendered pages. Without this
// file every form still works as a plain HTML post; with it, voting and "me too" happen
// without a page reload and the ask form shows similar questions while the title is typed.
(() => {
  function csrfToken(form) {
    const match = document.cookie.match(/(?:^|;\s*)hilft_csrf=([^;]+)/);
    if (match) return decodeURIComponent(match[1]);
    const field = form?.querySelector('input[name="_csrf"]');
    return field ? field.value : "";
  }

  async function api(method, url, body, form) {
    const res = await fetch(url, {
      method,
      credentials: "same-origin",
      // No content-type without a body: an empty JSON body is a 400.
      headers: {
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        "x-csrf-token": csrfToken(form),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (res.status === 401) {
      window.location.href = `/signin?next=${encodeURIComponent(window.location.pathname)}`;
      throw new Error("signed out");
    }
    const data = await res.json().catch(() => ({}));
    if (!res.ok) throw Object.assign(new Error(data?.error?.message || res.statusText), { data });
    return data;
  }

  function announce(form, message) {
    let box = form.querySelector(".js-message");
    if (!box) {
      box = document.createElement("p");
      box.className = "js-message error";
      box.setAttribute("role", "status");
      form.appendChild(box);
    }
    // A live region that appears with its text is often not read: fill it a moment later.
    box.textContent = "";
    setTimeout(() => {
      box.textContent = message;
    }, 50);
  }

  document.addEventListener("submit", async (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement)) return;
    const kind = form.dataset.js;
    if (!["vote", "me-too", "idea-vote", "follow"].includes(kind)) return;
    event.preventDefault();
    const button = event.submitter || form.querySelector("button");
    try {
      if (kind === "follow") {
        const on = button.getAttribute("aria-pressed") === "true";
        const result = await api(on ? "DELETE" : "PUT", form.dataset.api, undefined, form);
        button.setAttribute("aria-pressed", String(result.following));
        button.textContent = result.following ? button.dataset.labelOn : button.dataset.labelOff;
      } else if (kind === "idea-vote") {
        const voted = button.getAttribute("aria-pressed") === "true";
        const result = await api(voted ? "DELETE" : "PUT", form.dataset.api, undefined, form);
        button.setAttribute("aria-pressed", String(result.myVote));
        button.textContent = result.myVote ? button.dataset.labelOn : button.dataset.labelOff;
        form.querySelector(".idea-votes").textContent = String(result.votes);
      } else if (kind === "vote") {
        const pressed = button.getAttribute("aria-pressed") === "true";
        const result = pressed
          ? await api("DELETE", form.dataset.api, undefined, form)
          : await api("PUT", form.dataset.api, { value: Number(button.value) }, form);
        form.querySelector(".score").textContent = String(result.score);
        for (const b of form.querySelectorAll("button[value]")) {
          b.setAttribute("aria-pressed", String(Number(b.value) === result.myVote));
        }
      } else {
        const joined = button.getAttribute("aria-pressed") === "true";
        const result = await api(joined ? "DELETE" : "PUT", form.dataset.api, undefined, form);
        button.setAttribute("aria-pressed", String(result.meToo));
        button.textContent = result.meToo ? button.dataset.labelOn : button.dataset.labelOff;
        const out = form.querySelector(".me-too-count");
        const n = result.meTooCount;
        out.textContent =
          n === 0
            ? out.dataset.zero
            : n === 1
              ? out.dataset.one
              : out.dataset.many.replace("{n}", String(n));
      }
    } catch (err) {
      if (err.message !== "signed out") announce(form, err.message);
    }
  });

  // --- ask form: similar questions while typing ------------------------------
  const ask = document.querySelector('form[data-js="ask"]');
  if (!ask) return;
  const title = ask.querySelector("#title");
  const body = ask.querySelector("#body");
  const box = ask.querySelector("#similar");
  let timer;
  let lastQuery = "";

  function render(items, articles) {
    box.replaceChildren();
    if (!items.length && !articles.length) {
      box.hidden = true;
      return;
    }
    const heading = document.createElement("h2");
    heading.textContent = box.dataset.heading;
    const hint = document.createElement("p");
    hint.className = "help";
    hint.textContent = box.dataset.hint;
    const list = document.createElement("ul");
    list.className = "results";
    for (const item of items) {
      const li = document.createElement("li");
      const a = document.createElement("a");
      a.href = item.url;
      a.textContent = item.title;
      li.appendChild(a);
      if (item.solved) {
        const badge = document.createElement("span");
        badge.className = "badge status-solved";
        badge.textContent = box.dataset.solved;
        li.append(" ", badge);
      }
      const join = document.createElement("button");
      join.type = "button";
      join.className = "secondary";
      join.textContent = box.dataset.meToo;
      join.setAttribute("aria-pressed", "false");
      join.addEventListener("click", async () => {
        try {
          await api("PUT", `/api/v1/community/questions/${item.id}/me-too`, undefined, ask);
          join.textContent = box.dataset.meTooDone;
          join.setAttribute("aria-pressed", "true");
          join.disabled = true;
        } catch (err) {
          if (err.data?.error?.code === "already_joined") {
            join.textContent = box.dataset.meTooDone;
            join.disabled = true;
          } else if (err.message !== "signed out") {
            join.textContent = err.message;
          }
        }
      });
      li.append(" ", join);
      list.appendChild(li);
    }
    box.append(heading, hint, list);
    // Help articles that may answer the question before it is asked.
    if (articles.length) {
      const sub = document.createElement("h3");
      sub.textContent = box.dataset.articles;
      const links = document.createElement("ul");
      links.className = "results help-articles";
      for (const article of articles) {
        const li = document.createElement("li");
        const a = document.createElement("a");
        a.href = article.url;
        a.textContent = article.title;
        li.appendChild(a);
        links.appendChild(li);
      }
      box.append(sub, links);
    }
    box.hidden = false;
  }

  async function lookUp() {
    const query = title.value.trim();
    if (query.length < 4 || query === lastQuery) return;
    lastQuery = query;
    try {
      const res = await fetch("/api/v1/questions/similar", {
        method: "POST",
        credentials: "same-origin",
        headers: { "content-type": "application/json", "x-csrf-token": csrfToken(ask) },
        body: JSON.stringify({ title: query, body: body.value.slice(0, 2000), limit: 5 }),
      });
      if (res.ok && query === title.value.trim()) {
        const found = await res.json();
        render(found.items, found.articles ?? []);
      }
    } catch {
      // Suggestions are a convenience; the form works without them.
    }
  }

  title.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(lookUp, 350);
  });
})();
