import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["build/", "public/build/", ".cache/", ".local/", "node_modules/", "test-results/", "playwright-report/", "app/lib/database.types.ts"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-non-null-assertion": "off",
    },
  },
  {
    // Routes stay thin: no data access and no service-role client in route modules (house rules 2 and 6).
    files: ["app/routes/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["~/lib/service-role.server", "**/service-role.server"], message: "Routes never use the service-role client." },
            { group: ["@supabase/supabase-js"], message: "Routes call the domain layer; they do not talk to Supabase." },
            { group: ["~/routes/*", "./*"], message: "Routes do not import other routes." },
          ],
        },
      ],
      // The supabase-js import ban is not enough: a client handed in from a helper still has .from()/.rpc().
      "no-restricted-syntax": [
        "error",
        {
          selector:
            "CallExpression[callee.type='MemberExpression'][callee.property.name=/^(from|rpc)$/]:not([callee.object.name=/^(Array|Buffer|Uint8Array)$/])",
          message: "Routes do not query the database: call a domain function (app/domain) instead (house rule 2).",
        },
        {
          selector: "CallExpression[callee.type='MemberExpression'][callee.computed=true][callee.property.value=/^(from|rpc)$/]",
          message: "Routes do not query the database: call a domain function (app/domain) instead (house rule 2).",
        },
      ],
    },
  },
);
