// The benchmark measures the production build of the BFF, made exactly as `npm run build` makes it.
export { bffDist, buildBff } from "../../bff/src/build";
