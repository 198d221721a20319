package dev.northstar.server;

import java.util.Optional;

/** The console's sign-in page: paste an API token. */
final class LoginPage {
    private LoginPage() {}

    static Html body(String next, Optional<String> error) {
        return Html.of("""
                <div class="ns-login">
                <div class="card shadow-sm">
                <div class="card-body p-4">
                <h1 class="h4 mb-1">Sign in</h1>
                <p class="text-body-secondary mb-4">Paste an API token to open the console.</p>
                {}
                <form method="post" action="/console/login" id="login-form">
                <input type="hidden" name="next" value="{}">
                <div class="mb-3">
                <label for="token" class="form-label">API token</label>
                <input type="password" class="form-control font-monospace" id="token" name="token" \
                autocomplete="off" spellcheck="false" required autofocus placeholder="ns_…">
                </div>
                <button type="submit" class="btn btn-primary w-100" id="sign-in">Sign in</button>
                </form>
                <p class="small text-body-secondary mt-4 mb-0">No token yet? An administrator creates one with<br>
                <code>northstar token create --principal NAME --role ROLE</code></p>
                </div>
                </div>
                </div>
                """,
                error.map(message -> Html.of(
                        "<div class=\"alert alert-danger\" role=\"alert\" id=\"login-error\">{}</div>", message))
                        .orElse(Html.empty()),
                next);
    }
}
