-- core is POSTGRES_DB; the other services get a database each (same local user).
CREATE DATABASE identity OWNER bffplatform;
CREATE DATABASE sessions OWNER bffplatform;
CREATE DATABASE webhooks OWNER bffplatform;
