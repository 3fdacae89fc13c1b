import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { addItem, EMPTY_CART, removeLine, setQuantity, type Cart } from "./cart";
import { loadCart, saveCart } from "./cart-storage";

interface CartApi {
  cart: Cart;
  add: (restaurantId: string, menuItemId: string) => void;
  setQuantity: (menuItemId: string, quantity: number) => void;
  remove: (menuItemId: string) => void;
  clear: () => void;
}

const CartContext = createContext<CartApi | null>(null);

/** Holds the one cart of the tab and mirrors it into sessionStorage. */
export function CartProvider({ children }: { children: ReactNode }) {
  const [cart, setCart] = useState<Cart>(() => loadCart());

  useEffect(() => saveCart(cart), [cart]);

  const add = useCallback((restaurantId: string, menuItemId: string) => {
    setCart((c) => addItem(c, restaurantId, menuItemId));
  }, []);
  const changeQuantity = useCallback((menuItemId: string, quantity: number) => {
    setCart((c) => setQuantity(c, menuItemId, quantity));
  }, []);
  const remove = useCallback((menuItemId: string) => setCart((c) => removeLine(c, menuItemId)), []);
  const clear = useCallback(() => setCart(EMPTY_CART), []);

  const api = useMemo(
    () => ({ cart, add, setQuantity: changeQuantity, remove, clear }),
    [cart, add, changeQuantity, remove, clear],
  );
  return <CartContext.Provider value={api}>{children}</CartContext.Provider>;
}

export function useCart(): CartApi {
  const api = useContext(CartContext);
  if (!api) {
    throw new Error("useCart must be used inside <CartProvider>");
  }
  return api;
}
