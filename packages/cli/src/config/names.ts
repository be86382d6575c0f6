/** The config file names searched for, in this order; two of them in one folder is an error. */
export const CONFIG_FILE_NAMES = ["persona.config.json", "persona.config.yaml", "persona.config.yml"] as const;
