// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: ["node_modules/**", "src/generated/**", ".data/**", "coverage/**", "packages/*/node_modules/**"],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/require-await": "off",
      "@typescript-eslint/restrict-template-expressions": [
        "error",
        { allowNumber: true, allowBoolean: true },
      ],
    },
  },
  // Flows are data: no framework, database or messenger code.
  {
    files: ["flows/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            "grammy",
            "telegraf",
            "express",
            "@prisma/*",
            "pg",
            "pg-boss",
            "**/platform/db/**",
            "**/platform/chat/**",
            "**/bots/**",
          ],
        },
      ],
    },
  },
  // The core never imports an adapter or a local test server (those load only when configured);
  // only the composition root (src/app/) binds the adapters.
  {
    files: ["src/**/*.ts"],
    ignores: ["src/app/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: ["grammy", "telegraf", "@maxhub/*", "**/bots/**", "@signal-desk/*"] },
      ],
    },
  },
  // Actions, queries and domain rules are channel-neutral: no chat, messenger or HTTP code.
  {
    files: ["src/*/actions/**/*.ts", "src/*/queries/**/*.ts", "src/*/domain/**/*.ts", "src/*/jobs/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            "grammy",
            "telegraf",
            "@maxhub/*",
            "express",
            "**/bots/**",
            "@signal-desk/*",
            "**/platform/chat/**",
            "**/platform/messenger/**",
            "**/platform/http/**",
            "**/chat/**",
            "**/http/**",
          ],
        },
      ],
    },
  },
  // Domain rules are pure: no database either.
  {
    files: ["src/*/domain/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            "@prisma/*",
            "pg",
            "pg-boss",
            "express",
            "**/platform/db/**",
            "**/generated/**",
            "**/chat/**",
          ],
        },
      ],
    },
  },
  { files: ["eslint.config.js"], ...tseslint.configs.disableTypeChecked },
  // Scripts served to browsers as they are (the console's): plain browser JavaScript.
  {
    files: ["src/*/assets/**/*.js"],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      sourceType: "script",
      globals: {
        window: "readonly",
        document: "readonly",
        history: "readonly",
        fetch: "readonly",
        URLSearchParams: "readonly",
      },
    },
  },
);
