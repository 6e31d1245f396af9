// Shared declarations for the accuracy corpus (no cases here).
export interface User {
  id: string;
  name: string;
}

export declare function fetchUser(id: string): Promise<User>;
export declare function saveUser(user: User): Promise<void>;
export declare function deleteUser(id: string): Promise<boolean>;
export declare function log(message: string): void;
export declare function getCount(): number;
export declare function getName(): string;
export declare function compute(): { total: number };
export declare function maybeSave(): Promise<void> | undefined;
export declare function sometimesAsync(): Promise<void> | void;
export declare const userPromise: Promise<User>;
export declare const ids: string[];
export declare const users: User[];

export class UserService {
  async load(id: string): Promise<User> {
    return fetchUser(id);
  }
  save(user: User): Promise<void> {
    return saveUser(user);
  }
  count(): number {
    return users.length;
  }
  static async create(): Promise<UserService> {
    return new UserService();
  }
}

export const api = {
  get: (path: string): Promise<string> => fetch(path).then((response) => response.text()),
  post: async (path: string, body: string): Promise<void> => {
    await fetch(path, { method: 'POST', body });
  },
  version: (): string => '1',
};
